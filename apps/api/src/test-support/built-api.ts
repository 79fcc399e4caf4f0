import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpGet, waitFor } from './http-client';

const BUNDLE = join(__dirname, '../../../../dist/apps/api/main.js');
const HOLD_ROUTE = join(__dirname, 'hold-route.cjs');

/**
 * The built bundle copied alone into an empty directory, as the image holds it: if it needed
 * anything from node_modules, it would fail here.
 */
export function standaloneBundle(): { path: string; remove(): void } {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: the api test target depends on build; run \`npx nx build api\``);
  const dir = mkdtempSync(join(tmpdir(), 'api-bundle-'));
  const path = join(dir, 'main.js');
  copyFileSync(BUNDLE, path);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningApi {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  /** The JSON lines written to stdout so far (complete after exit: logs are batched). */
  logLines(): Record<string, unknown>[];
}

/** Starts the bundle with only the given environment; with `hold`, preloads the /test/hold route. */
export function spawnApi(
  bundle: string,
  env: NodeJS.ProcessEnv,
  options: { hold?: boolean; port?: number } = {},
): RunningApi {
  const args = options.hold ? ['--require', HOLD_ROUTE, bundle] : [bundle];
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
export async function startApi(
  bundle: string,
  env: NodeJS.ProcessEnv = {},
  options: { hold?: boolean } = {},
): Promise<RunningApi> {
  const port = await freePort();
  const api = spawnApi(bundle, { HOST: '127.0.0.1', PORT: String(port), ...env }, options);
  let exitedEarly = false;
  void api.exited.then(() => (exitedEarly = true));
  await waitFor('the api to be ready', async () => {
    if (exitedEarly) throw new Error(`the api exited before it was ready: ${api.stderr()}`);
    return httpGet(`${api.base}/readyz`).then(
      (answer) => answer.status === 200,
      () => false,
    );
  });
  return api;
}
