import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nxChildEnv, sandboxedEnv } from '@slipway/testing';
import { childCacheEnv } from './child-caches';
import { extractJsonDocument, parseGithubOutput, parseSummary, type Summary } from './parse-output';
import { signalGroup } from './process-group';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** Environment `sim` of this config is the simulator presets' api service. */
export const SIM_CONFIG = 'tools/deploy-e2e/fixtures/deploy.sim.json';
const NX_BIN = require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] });
/** The plugin's thin runner: the same executor in-process, exiting with its distinct code. */
const SLIPWAY_BIN = join(WORKSPACE_ROOT, 'tools/slipway-plugin/bin/slipway.js');

export type DeployTarget = 'deploy' | 'rollback' | 'deploy-continue' | 'deploy-status';
/** `nx`: `nx run api:<target> -- …` (exit 0/1/130); `bin`: `slipway.js <target> api -- …` (distinct exit code). */
export type Runner = 'nx' | 'bin';

export interface NxRunOptions {
  target: DeployTarget;
  runner?: Runner;
  /** Everything after `--`. */
  args: readonly string[];
  /** Added to a scrubbed copy of this process's environment. */
  env: Record<string, string>;
  /** Resolves when the run should be interrupted: SIGINT to its process group, as Ctrl-C does. */
  interruptWhen?: (run: { readonly output: () => string }) => Promise<void>;
  /** Hard limit; the process group is killed past it (the test then fails on the exit code). */
  killAfterMs?: number;
}

export interface NxRun {
  command: string;
  runner: Runner;
  /** The process's exit code: Nx's 0, 1 or 130, or the runner's distinct code. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** What $GITHUB_OUTPUT received: `exit-code` is the executor's distinct code. */
  githubOutput: Record<string, string>;
  /** What $GITHUB_STEP_SUMMARY received (markdown). */
  stepSummary: string;
  summary?: Summary;
  json?: Record<string, unknown>;
  startedAt: number;
  exitedAt: number;
}

/**
 * The child's environment: no variables that could send it to real AWS or into a real GitHub job
 * summary, none of the outer Nx run's, and no Nx daemon, cache, cloud or colours.
 */
export function scrubbedEnv(base: NodeJS.ProcessEnv, extra: Record<string, string>): Record<string, string> {
  return nxChildEnv(sandboxedEnv(base), {
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
    FORCE_COLOR: '0',
    ...childCacheEnv(base),
    ...extra,
  });
}

/** Runs `nx run api:<target> -- <args>` (or the thin runner) as a child process, the way a developer or CI does. */
export async function runNx(options: NxRunOptions): Promise<NxRun> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-e2e-'));
  const githubOutputPath = join(dir, 'github-output');
  const stepSummaryPath = join(dir, 'step-summary.md');
  const stdoutPath = join(dir, 'stdout');
  const stderrPath = join(dir, 'stderr');
  // Files, not pipes: `nx run` relays its task's output line by line and exits without waiting for
  // writes its stdout has queued (Nx's output.drain() waits only past the 16 KiB high-water mark).
  // Into a pipe or socket a loaded test process reads late, those writes queue and the tail of the
  // output (the --json document) is lost; writes into a file complete before `nx` exits.
  const stdio = [openSync(stdoutPath, 'w'), openSync(stderrPath, 'w')];
  const runner = options.runner ?? 'nx';
  const args =
    runner === 'nx'
      ? [NX_BIN, 'run', `api:${options.target}`, '--', ...options.args]
      : [SLIPWAY_BIN, options.target, 'api', '--', ...options.args];
  const child = spawn(process.execPath, args, {
    cwd: WORKSPACE_ROOT,
    env: scrubbedEnv(process.env, {
      ...options.env,
      GITHUB_OUTPUT: githubOutputPath,
      GITHUB_STEP_SUMMARY: stepSummaryPath,
    }),
    // Its own process group, so an interrupt reaches nx and the executor together, like Ctrl-C.
    detached: true,
    stdio: ['ignore', ...stdio],
  });
  stdio.forEach((fd) => closeSync(fd));
  const startedAt = Date.now();
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), options.killAfterMs ?? 45_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('close', (code, signal) => resolveExit({ code, signal })),
  );
  if (options.interruptWhen) {
    void Promise.race([
      options
        .interruptWhen({ output: () => read(stdoutPath) + read(stderrPath) })
        .then(() => signalGroup(child, 'SIGINT')),
      exited,
    ]);
  }
  const { code, signal } = await exited;
  clearTimeout(killer);
  const githubOutput = parseGithubOutput(await readFile(githubOutputPath, 'utf8').catch(() => ''));
  const stepSummary = await readFile(stepSummaryPath, 'utf8').catch(() => '');
  const stdout = read(stdoutPath);
  const stderr = read(stderrPath);
  await rm(dir, { recursive: true, force: true });
  return {
    command: `${runner === 'nx' ? `nx run api:${options.target}` : `slipway.js ${options.target} api`} -- ${options.args.join(' ')}`,
    runner,
    exitCode: code,
    signal,
    stdout,
    stderr,
    githubOutput,
    stepSummary,
    summary: parseSummary(stdout + stderr),
    json: options.args.includes('--json') ? extractJsonDocument(stdout) : undefined,
    startedAt,
    exitedAt: Date.now(),
  };
}
