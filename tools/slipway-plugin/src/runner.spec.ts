import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nxChildEnv, WORKSPACE_ROOT } from '@slipway/testing';

const BIN = join(__dirname, '..', 'bin', 'slipway.js');
const CLI = join(__dirname, 'executors', 'publish-image', 'cli.cjs');
const COMMIT = 'abcdef1234567890abcdef1234567890abcdef12';

/**
 * The runner brings the workspace's .env itself, as `nx` does, so the test leaves those variables out;
 * and no registry or repository from this machine's environment.
 */
function runnerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = nxChildEnv(process.env);
  for (const name of ['SWC_NODE_CACHE', 'NX_ISOLATE_PLUGINS']) delete env[name];
  for (const name of ['IMAGE_REGISTRY', 'ECR_REGISTRY', 'IMAGE_REPOSITORY', 'ECR_REPOSITORY']) delete env[name];
  return env;
}

const run = (file: string, args: readonly string[], cwd = WORKSPACE_ROOT) =>
  spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: runnerEnv(), cwd, timeout: 120_000 });

describe('bin/slipway.js: the one runner, whose exit code is the executor’s own', () => {
  it('exits with the executor’s own code (2: no version), not Nx’s collapsed 1, started from any directory', () => {
    const result = run(BIN, ['deploy', 'api', '--', '--environment', 'production'], join(WORKSPACE_ROOT, 'apps/api'));
    expect(result.stdout).toContain('outcome: INVALID_INPUT (exit 2)');
    // The executor loads on the first try: no fallback from Node's type stripping.
    expect(result.stderr).not.toContain('Failed to load the ES module');
    expect(result.status).toBe(2);
  }, 120_000);

  it('refuses unknown flags, executors and projects before doing anything', () => {
    const flag = run(BIN, ['deploy', 'api', '--', '--versoin', 'v1.2.0']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--versoin'");
    const executor = run(BIN, ['destroy', 'api']);
    expect(executor.status).toBe(1);
    expect(executor.stderr).toContain(
      'usage: slipway.js <deploy|rollback|deploy-continue|deploy-status|publish-image> [<project>]',
    );
    const project = run(BIN, ['deploy', 'nope', '--', '--version', 'v1.2.0']);
    expect(project.status).toBe(1);
    expect(project.stderr).toContain('Could not find project "nope"');
  }, 120_000);

  it('runs publish-image for a project with that target’s options (the repository of project.json)', () => {
    const result = run(BIN, [
      'publish-image',
      'api',
      '--',
      '--registry',
      '127.0.0.1:9',
      '--promote',
      '--commit',
      COMMIT,
    ]);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('cannot reach the registry at http://127.0.0.1:9/v2/slipway/api/');
  }, 120_000);
});

describe('publish-image/cli.cjs: the same runner without a project', () => {
  it('prints the usage with the exit codes', () => {
    const result = run(CLI, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: slipway.js publish-image [<project>] [-- <flags>]');
    expect(result.stdout).toContain('3 immutable-tag conflict');
  });

  it('exits 2 on an unknown flag, with the usage', () => {
    const result = run(CLI, ['--tag', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^publish-image: invalid input \(exit 2\): Unknown option '--tag'/);
    expect(result.stderr).toContain('usage: slipway.js');
  });

  it('passes flags through, --plain-http included', () => {
    const result = run(CLI, [
      '--registry',
      'reg.internal:5000',
      '--repository',
      'a/b',
      '--promote',
      '--plain-http',
      '--commit',
      COMMIT,
      '--json',
    ]);
    expect(result.status).toBe(4);
    expect(JSON.parse(result.stdout).error.message).toContain('cannot reach the registry at http://reg.internal:5000/');
  }, 120_000);

  it('exits 2 for a short commit before reaching the registry, naming the fix', () => {
    const result = run(CLI, [
      '--registry',
      '127.0.0.1:9',
      '--repository',
      'a/b',
      '--promote',
      '--commit',
      'abcdef1',
      '--json',
    ]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error.message).toMatch(
      /^commit SHA "abcdef1" has 7 characters: .*pass --commit "\$\(git rev-parse HEAD\)"/,
    );
  }, 120_000);

  it('exits with the code itself as a process (not collapsed to 1)', () => {
    const result = run(CLI, [
      '--registry',
      '127.0.0.1:9',
      '--repository',
      'a/b',
      '--image',
      'api',
      '--version',
      'latest',
      '--commit',
      COMMIT,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"latest" is a moving tag');
  }, 120_000);

  it('refuses a value its schema does not allow with exit 2', () => {
    const result = run(CLI, ['--registry', '127.0.0.1:9', '--auth', 'bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "publish-image: invalid input (exit 2): Property 'auth' does not match the schema.",
    );
  }, 120_000);
});
