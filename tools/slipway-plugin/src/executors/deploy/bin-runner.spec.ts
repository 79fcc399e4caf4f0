import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'slipway.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    timeout: 120_000,
  });

describe('bin/slipway.js: the in-process runner whose exit code is the distinct one', () => {
  it('exits with the executor’s own code (2: no version), not Nx’s collapsed 1', () => {
    const result = run('deploy', 'api', '--', '--environment', 'production');
    expect(result.stdout).toContain('outcome: INVALID_INPUT (exit 2)');
    expect(result.status).toBe(2);
  }, 120_000);

  it('refuses unknown flags and commands before doing anything', () => {
    const flag = run('deploy', 'api', '--', '--versoin', 'v1.2.0');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--versoin'");
    const command = run('destroy', 'api');
    expect(command.status).toBe(1);
    expect(command.stderr).toContain('usage: slipway.js <deploy|rollback|deploy-continue|deploy-status> <project>');
  });
});
