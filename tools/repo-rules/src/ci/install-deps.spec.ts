import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// tools/ci/install-deps.sh, as .ci/run runs it, on a workspace of one local dependency (no registry needed).
const SCRIPT = join(__dirname, '../../../ci/install-deps.sh');

describe('tools/ci/install-deps.sh: npm ci once per lockfile, then its tree again', () => {
  let dir: string;
  let workspace: string;
  let snapshots: string;

  const writeJson = (file: string, json: unknown) => writeFileSync(join(workspace, file), JSON.stringify(json));
  /** A workspace at version `version`, with the lockfile npm writes for it (no npm run needed here). */
  const release = (version: string) => {
    const devDependencies = { dep: 'file:dep' };
    writeJson('package.json', { name: 'demo', version, private: true, devDependencies });
    writeJson('package-lock.json', {
      name: 'demo',
      version,
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'demo', version, devDependencies },
        dep: { version: '1.0.0', dev: true },
        'node_modules/dep': { resolved: 'dep', link: true },
      },
    });
  };
  const install = (env: Record<string, string> = {}) =>
    spawnSync('bash', [SCRIPT], {
      cwd: workspace,
      env: { ...process.env, SLIPWAY_NODE_MODULES_CACHE: snapshots, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-install-deps-'));
    workspace = join(dir, 'workspace');
    snapshots = join(dir, 'snapshots');
    mkdirSync(join(workspace, 'dep'), { recursive: true });
    writeJson('dep/package.json', { name: 'dep', version: '1.0.0' });
    release('1.0.0');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs npm ci the first time and keeps its tree; the next run of the same lockfile links it', () => {
    const first = install();
    expect(first.stdout).toContain('install-deps: node_modules kept for the next run of this lockfile');
    expect(first.status).toBe(0);
    rmSync(join(workspace, 'node_modules'), { recursive: true });

    const next = install();
    expect(next.stdout).toContain('install-deps: node_modules linked from the tree npm ci made for this lockfile');
    expect(next.stdout).not.toContain('added');
    expect(next.status).toBe(0);
    expect(readlinkSync(join(workspace, 'node_modules/dep'))).toBe('../dep');
    expect(readdirSync(join(workspace, 'node_modules'))).toEqual(expect.arrayContaining(['.package-lock.json', 'dep']));
  }, 120_000);

  it('drops a kept tree that a run wrote into (its files are linked), and runs npm ci again', () => {
    install();
    install();
    writeFileSync(join(workspace, 'node_modules/.package-lock.json'), '{}');
    const next = install();
    expect(next.stdout).toContain(
      'install-deps: the tree kept for this lockfile changed since npm ci made it: dropped',
    );
    expect(next.stdout).toContain('install-deps: node_modules kept for the next run of this lockfile');
    expect(install().stdout).toContain('install-deps: node_modules linked');
  }, 120_000);

  it('runs npm ci for a changed lockfile, and keeps the two newest trees', () => {
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
      release(version);
      expect(install().stdout).toContain('node_modules kept');
    }
    expect(readdirSync(snapshots)).toHaveLength(2);
  }, 180_000);

  it('runs npm ci every time, keeping nothing, with SLIPWAY_NODE_MODULES_CACHE=off', () => {
    for (let run = 0; run < 2; run++) {
      const result = install({ SLIPWAY_NODE_MODULES_CACHE: 'off' });
      expect(result.stdout).not.toContain('install-deps:');
      expect(result.status).toBe(0);
    }
    expect(readlinkSync(join(workspace, 'node_modules/dep'))).toBe('../dep');
    expect(() => readdirSync(snapshots)).toThrow();
  }, 120_000);
});
