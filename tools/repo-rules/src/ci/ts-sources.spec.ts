import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// tools/ts-sources.cjs: how the Nx plugin's entry points, the repo-rules CLIs and the rehearsal run their
// TypeScript sources, each in a process of its own; so each case starts one.
const WORKSPACE_ROOT = join(__dirname, '../../../..');
const TS_SOURCES = join(WORKSPACE_ROOT, 'tools/ts-sources.cjs');

describe('tools/ts-sources.cjs: TypeScript sources run with no build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-ts-sources-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Requires `file` through the hook in a fresh process, with the compiled files cached under `dir`. */
  const load = (file: string, hook = TS_SOURCES) =>
    spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(hook)}).register(); require(${JSON.stringify(file)});`],
      { env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') }, encoding: 'utf8', timeout: 30_000 },
    );
  const cached = () => readdirSync(join(dir, 'cache/slipway/ts-sources'));

  it('strips the types and resolves the @slipway/* aliases of tsconfig.base.json', () => {
    const file = join(dir, 'main.ts');
    writeFileSync(
      file,
      "import { isReleaseVersion } from '@slipway/versioning';\nconst v: string = 'v1.2.3';\nprocess.stdout.write(String(isReleaseVersion(v)));\n",
    );
    expect(load(file)).toMatchObject({ stdout: 'true', status: 0 });
  });

  it('compiles a file once, and again when it changes', () => {
    const file = join(dir, 'answer.ts');
    writeFileSync(file, 'const answer: number = 42;\nprocess.stdout.write(String(answer));\n');
    expect(load(file).stdout).toBe('42');
    const [first] = cached();
    expect(load(file).stdout).toBe('42');
    expect(cached()).toEqual([first]);
    writeFileSync(file, 'const answer: number = 43;\nprocess.stdout.write(String(answer));\n');
    expect(load(file).stdout).toBe('43');
    expect(cached()).toHaveLength(2);
  });

  it('names the .ts line of an error (inline source maps), also from the cache', () => {
    const file = join(dir, 'fails.ts');
    writeFileSync(file, "type T = string;\n\nconst t: T = 'x';\nthrow new Error(t);\n");
    for (const run of [load(file), load(file)]) expect(run.stderr).toContain(`${file}:4`);
  });

  it('serves a file compiled in one clone to another clone, whose errors name its own path', () => {
    const clones = ['one', 'other'].map((name) => {
      const root = join(dir, name);
      mkdirSync(join(root, 'tools'), { recursive: true });
      mkdirSync(join(root, 'src'));
      cpSync(TS_SOURCES, join(root, 'tools/ts-sources.cjs'));
      writeFileSync(
        join(root, 'tsconfig.base.json'),
        JSON.stringify({ compilerOptions: { target: 'es2023', paths: {} } }),
      );
      symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(root, 'node_modules'));
      writeFileSync(join(root, 'src/fails.ts'), "const t: string = 'x';\nthrow new Error(t);\n");
      return root;
    });
    for (const root of clones) {
      expect(load(join(root, 'src/fails.ts'), join(root, 'tools/ts-sources.cjs')).stderr).toContain(
        `${join(root, 'src/fails.ts')}:2`,
      );
    }
    expect(cached()).toHaveLength(1);
  });
});
