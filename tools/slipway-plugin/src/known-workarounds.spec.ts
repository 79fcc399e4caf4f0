import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nxChildEnv, WORKSPACE_ROOT } from '@slipway/testing';

/**
 * "Known workarounds" in CONTRIBUTING.md: each case shows that what a workaround works around still
 * happens with the pinned Nx and swc-node. When one fails, upstream has changed: drop the workaround
 * (and the case) or adapt it.
 */
const NX = require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] });
const RUNNER = join(WORKSPACE_ROOT, 'tools/slipway-plugin/bin/slipway.js');

describe('known workarounds are still needed', () => {
  it('Nx swallows --version before `--`: it prints its own version and runs nothing (so: `--` first)', () => {
    const result = spawnSync(process.execPath, [NX, 'run', 'api:deploy', '--version', 'v9.9.9'], {
      cwd: WORKSPACE_ROOT,
      env: nxChildEnv(process.env),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: result.status, stdout: result.stdout.trim() }).toEqual({
      status: 0,
      stdout: require('nx/package.json').version,
    });
  }, 60_000);

  it('Node type stripping cannot load the executors, Nx falls back after a failed first load (so: NX_PREFER_NODE_STRIP_TYPES=false)', () => {
    const result = spawnSync(process.execPath, [RUNNER, 'deploy', 'api', '--', '--environment', 'production'], {
      cwd: WORKSPACE_ROOT,
      env: nxChildEnv(process.env, { NX_PREFER_NODE_STRIP_TYPES: 'true' }),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toContain('Failed to load the ES module');
    expect(result.stdout).toContain('outcome: INVALID_INPUT (exit 2)');
  }, 120_000);

  describe('the swc transpiler Nx registers for a local plugin', () => {
    // A workspace like this one: tsconfig.base.json `paths` without a baseUrl (TypeScript 6).
    let workspace: string;
    beforeEach(() => {
      workspace = mkdtempSync(join(tmpdir(), 'slipway-swc-'));
      mkdirSync(join(workspace, 'lib'));
      mkdirSync(join(workspace, 'src'));
      writeFileSync(join(workspace, 'nx.json'), '{}');
      writeFileSync(
        join(workspace, 'tsconfig.base.json'),
        JSON.stringify({ compilerOptions: { module: 'commonjs', paths: { '@demo/answer': ['./lib/answer.ts'] } } }),
      );
      writeFileSync(join(workspace, 'lib/answer.ts'), 'export const answer = 42;\n');
      writeFileSync(
        join(workspace, 'src/main.ts'),
        "import { answer } from '@demo/answer';\nprocess.stdout.write(`${answer}\\n`);\n",
      );
    });
    afterEach(() => rmSync(workspace, { recursive: true, force: true }));

    /** Loads src/main.ts as Nx loads a local executor, from `cwd`; waits for swc-node's cache write. */
    const load = (cwd: string, env: Record<string, string>) => {
      const script = [
        `require(${JSON.stringify(require.resolve('nx/src/project-graph/plugins/transpiler'))}).registerPluginTSTranspiler();`,
        `try { require(${JSON.stringify(join(workspace, 'src/main.ts'))}); }`,
        "catch (error) { process.stdout.write(error.message.split('\\n')[0]); setTimeout(() => process.exit(3), 500); }",
      ].join('\n');
      const base = nxChildEnv(process.env, { NX_PREFER_NODE_STRIP_TYPES: 'false' });
      delete base['SWC_NODE_CACHE'];
      return spawnSync(process.execPath, ['-e', script], {
        cwd,
        env: { ...base, SWC_NODE_CACHE_DIR: join(workspace, 'swc-cache'), ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    };

    it('resolves the aliases against the working directory (so: the runner runs from the workspace root)', () => {
      expect(load(join(workspace, 'src'), {}).stdout).toContain("Cannot find module './lib/answer'");
      expect(load(workspace, { SWC_NODE_CACHE: '0' }).stdout.trim()).toBe('42');
    }, 60_000);

    it('caches that broken output for every later run, wherever it starts (so: SWC_NODE_CACHE=0)', () => {
      load(join(workspace, 'src'), {});
      expect(load(workspace, {}).stdout).toContain("Cannot find module './lib/answer'");
      expect(load(workspace, { SWC_NODE_CACHE: '0' }).stdout.trim()).toBe('42');
    }, 60_000);
  });
});
