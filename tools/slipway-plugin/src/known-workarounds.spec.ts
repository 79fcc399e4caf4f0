import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nxChildEnv, WORKSPACE_ROOT } from '@slipway/testing';

/**
 * "Known workarounds" in CONTRIBUTING.md: each case shows that what a workaround works around still
 * happens with the pinned Nx and swc-node. When one fails, upstream has changed: drop the workaround
 * (and the case) or adapt it.
 */
const NX = require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] });

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

  describe('Nx loads the TypeScript compiler for a plugin it reads from a project’s sources (so: the plugin’s package in package/, linked)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'slipway-ts-load-'));
      // In every process it starts, at exit: did it load the TypeScript compiler?
      writeFileSync(
        join(dir, 'probe.cjs'),
        "process.on('exit', () => require('node:fs').appendFileSync(" +
          `${JSON.stringify(join(dir, 'loaded'))}, ` +
          "(Object.keys(require.cache).some((file) => file.endsWith('/typescript/lib/typescript.js')) ? 'typescript' : 'none') + '\\n'));\n",
      );
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** What each process of `nx run <target> -- <args>` loaded, started in `cwd`. */
    const loadedBy = (cwd: string, target: string, args: string[] = []) => {
      spawnSync(process.execPath, [NX, 'run', target, '--', ...args], {
        cwd,
        env: nxChildEnv(process.env, { NODE_OPTIONS: `--require ${join(dir, 'probe.cjs')}` }),
        encoding: 'utf8',
        timeout: 60_000,
      });
      return readFileSync(join(dir, 'loaded'), 'utf8').trim().split('\n');
    };

    it('does, in nx and in the executor it forks, for a local plugin with its package.json at the project root', () => {
      const workspace = join(dir, 'workspace');
      const files: Record<string, unknown> = {
        'nx.json': {},
        'tsconfig.base.json': { compilerOptions: { paths: { '@demo/plugin': ['./plugin/index.js'] } } },
        'plugin/project.json': { name: 'plugin' },
        'plugin/package.json': { name: '@demo/plugin', executors: './executors.json' },
        'plugin/executors.json': { executors: { echo: { implementation: './echo.js', schema: './schema.json' } } },
        'plugin/schema.json': { type: 'object', properties: {} },
        'app/project.json': { name: 'app', targets: { echo: { executor: '@demo/plugin:echo' } } },
      };
      for (const [file, json] of Object.entries(files)) {
        mkdirSync(dirname(join(workspace, file)), { recursive: true });
        writeFileSync(join(workspace, file), JSON.stringify(json));
      }
      writeFileSync(join(workspace, 'plugin/index.js'), 'module.exports = {};\n');
      writeFileSync(join(workspace, 'plugin/echo.js'), 'module.exports = async () => ({ success: true });\n');
      symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(workspace, 'node_modules'));
      expect(loadedBy(workspace, 'app:echo')).toEqual(['typescript', 'typescript']);
    }, 60_000);

    it('does not for ours, which it reads as an installed package', () => {
      expect(loadedBy(WORKSPACE_ROOT, 'api:deploy', ['--environment', 'production'])).toEqual(['none', 'none']);
    }, 60_000);
  });

  // Our plugin no longer loads through it; the simulators' CLIs still run under swc-node
  // (`node -r @swc-node/register`), from the workspace root.
  describe('the swc transpiler Nx registers for a local TypeScript plugin', () => {
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

    it('resolves the aliases against the working directory (so: swc-node runs start in the workspace root)', () => {
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
