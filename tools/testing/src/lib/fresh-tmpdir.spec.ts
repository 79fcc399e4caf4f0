import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command';
import { FRESH_TMPDIR_SCRIPT, WORKSPACE_ROOT } from './workspace';

// `npm test` runs the suite through tools/ci/fresh-tmpdir.sh: a fresh TMPDIR that must be empty afterwards.
describe('tools/ci/fresh-tmpdir.sh', () => {
  let outer: string;
  beforeEach(() => {
    outer = mkdtempSync(join(tmpdir(), 'slipway-fresh-tmpdir-'));
  });
  afterEach(() => rmSync(outer, { recursive: true, force: true }));

  const fresh = (script: string, extra: NodeJS.ProcessEnv = {}) =>
    runCommand('bash', [FRESH_TMPDIR_SCRIPT, 'sh', '-c', script], {
      env: { PATH: process.env.PATH, TMPDIR: outer, ...extra },
    });

  it('runs the command in an empty temp dir of its own, passes its exit code on and removes the dir', async () => {
    const result = await fresh('ls -A "$TMPDIR"; echo "$TMPDIR"; exit 3');
    expect(result.code).toBe(3);
    const dir = result.stdout.trim();
    expect(dir.startsWith(join(outer, 'slipway-run.'))).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(result.stderr).toBe('');
  });

  it('fails a passing command that left something in it, listing each entry', async () => {
    const result = await fresh('mkdir "$TMPDIR/k8s-engine-abc"; touch "$TMPDIR/socket"');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the run left 2 entries in its temp dir');
    expect(result.stderr).toMatch(/^ {2}k8s-engine-abc$/m);
    expect(result.stderr).toMatch(/^ {2}socket$/m);
    expect(readdirSync(outer)).toEqual([]);
  });

  it("keeps the container environment's state in the outer temp dir and Node's compile cache in the clone", async () => {
    const result = await fresh('echo "$SLIPWAY_CONTAINER_DIR $NODE_COMPILE_CACHE"');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(
      `${join(outer, 'slipway-containers')} ${join(WORKSPACE_ROOT, 'node_modules/.cache/node-compile-cache')}`,
    );
    const own = await fresh('echo "$SLIPWAY_CONTAINER_DIR"', { SLIPWAY_CONTAINER_DIR: '/srv/ce' });
    expect(own.stdout.trim()).toBe('/srv/ce');
  });
});
