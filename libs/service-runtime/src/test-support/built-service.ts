import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort, httpGet, waitFor } from './http-client';

/**
 * A service's built bundle copied alone into an empty directory, as its image holds it: if it needed
 * anything from node_modules, it would fail here.
 */
export function standaloneBundle(bundle: string): { path: string; remove(): void } {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: the test target depends on build; run \`npx nx build <app>\``);
  const dir = mkdtempSync(join(tmpdir(), `${basename(join(bundle, '..'))}-bundle-`));
  const path = join(dir, 'main.js');
  copyFileSync(bundle, path);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningService {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  /** The JSON lines written to stdout so far (complete after exit: logs are batched). */
  logLines(): Record<string, unknown>[];
}

export interface SpawnOptions {
  /** A script for `node --require` (test-only routes, say); never part of the bundle. */
  readonly preload?: string;
  readonly port?: number;
}

/** Starts the bundle with only the given environment. */
export function spawnService(bundle: string, env: NodeJS.ProcessEnv, options: SpawnOptions = {}): RunningService {
  const args = options.preload ? ['--require', options.preload, bundle] : [bundle];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    base: `http://127.0.0.1:${options.port ?? env['PORT']}`,
    exited,
    stdout: () => out,
    stderr: () => err,
    logLines: () =>
      out
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Spawns on a free port and waits for the first 200 on /readyz. */
export async function startService(
  bundle: string,
  env: NodeJS.ProcessEnv = {},
  options: Omit<SpawnOptions, 'port'> = {},
): Promise<RunningService> {
  const port = await freePort();
  const service = spawnService(bundle, { HOST: '127.0.0.1', PORT: String(port), ...env }, options);
  let exitedEarly = false;
  void service.exited.then(() => (exitedEarly = true));
  await waitFor('the service to be ready', async () => {
    if (exitedEarly) throw new Error(`the service exited before it was ready: ${service.stderr()}`);
    return httpGet(`${service.base}/readyz`).then(
      (answer) => answer.status === 200,
      () => false,
    );
  });
  return service;
}

/** Ends a child a test left running (a failed assertion, say), so no process outlives the test. */
export async function stopIfRunning(service: RunningService | undefined): Promise<void> {
  if (service && service.child.exitCode === null && service.child.signalCode === null) {
    service.child.kill('SIGKILL');
    await service.exited;
  }
}
