import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const BIN_DIR = resolve(__dirname, '../../bin');

/** A scratch directory with a git environment that ignores the machine's git config entirely. */
export interface GitSandbox {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  git(args: readonly string[], cwd: string, input?: string): string;
  commit(cwd: string, message: string): string;
  cleanup(): void;
}

/** Variables from the outer CI run that would change how the tools under test behave. */
const OUTER_CI_VARIABLES = /^(CI|GITHUB_.*|GH_TOKEN|GIT_.*|HUSKY|NX_.*|JEST_.*|npm_.*|FORCE_COLOR|NO_COLOR)$/;

/**
 * The housekeeping git starts after commits, fetches and pushes (`git maintenance run --auto`, and
 * `gc --auto` on either side of a push) is off: a throwaway repository never needs it, and it was 60
 * git processes a repo-rules test run.
 */
const SANDBOX_GIT_CONFIG = '[maintenance]\n\tauto = false\n[gc]\n\tauto = 0\n[receive]\n\tautogc = false\n';

export function createGitSandbox(prefix: string): GitSandbox {
  const dir = mkdtempSync(join(tmpdir(), `slipway-${prefix}-`));
  const globalConfig = join(dir, 'gitconfig');
  writeFileSync(globalConfig, SANDBOX_GIT_CONFIG);
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !OUTER_CI_VARIABLES.test(key))),
    // Plain output to assert on, whether or not the outer run (Nx) forces colours.
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_AUTHOR_NAME: 'Slipway Test',
    GIT_AUTHOR_EMAIL: 'test@slipway.invalid',
    GIT_COMMITTER_NAME: 'Slipway Test',
    GIT_COMMITTER_EMAIL: 'test@slipway.invalid',
  };
  const git = (args: readonly string[], cwd: string, input?: string): string =>
    execFileSync('git', args, { cwd, env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
  return {
    dir,
    env,
    git,
    commit: (cwd, message) => {
      git(['commit', '--quiet', '--allow-empty', '--no-verify', '-F', '-'], cwd, message);
      return git(['rev-parse', 'HEAD'], cwd);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A bare `remote.git` with `main`, and a clone of it in `work`. */
export function createRepoWithRemote(sandbox: GitSandbox): { remote: string; work: string } {
  const remote = join(sandbox.dir, 'remote.git');
  const work = join(sandbox.dir, 'work');
  sandbox.git(['init', '--quiet', '--bare', '--initial-branch=main', remote], sandbox.dir);
  sandbox.git(['init', '--quiet', '--initial-branch=main', work], sandbox.dir);
  sandbox.git(['remote', 'add', 'origin', remote], work);
  return { remote, work };
}

export interface BinResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of tools/repo-rules/bin/*.cjs as a developer or CI job would. */
export function runBin(
  name: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): BinResult {
  const result = spawnSync(process.execPath, [join(BIN_DIR, `${name}.cjs`), ...args], {
    cwd: options.cwd,
    env: options.env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runBin without blocking the event loop, for a bin that talks to a server of the test process itself. */
export function runBinAsync(
  name: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<BinResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(BIN_DIR, `${name}.cjs`), ...args],
      { cwd: options.cwd, env: options.env, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}
