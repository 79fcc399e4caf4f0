import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describeLoop, noImportCycle } from './no-import-cycle';
import { pathBack, type RelativeImport } from './relative-imports';

describe('pathBack', () => {
  const graph: Record<string, string[]> = { a: ['b'], b: ['c', 'a'], c: ['a'], d: ['d'], e: [] };
  const importsOf = (file: string): RelativeImport[] =>
    (graph[file] ?? []).map((to) => ({ specifier: `./${to}`, file: to }));

  it('finds the shortest way back home', () => {
    expect(pathBack('b', 'a', importsOf)).toEqual(['b', 'a']);
    expect(pathBack('c', 'a', importsOf)).toEqual(['c', 'a']);
  });

  it('sees a module that imports itself', () => {
    expect(pathBack('d', 'd', importsOf)).toEqual(['d']);
  });

  it('finds nothing when the imports never lead back', () => {
    expect(pathBack('e', 'a', importsOf)).toBeUndefined();
    expect(pathBack('a', 'e', importsOf)).toBeUndefined();
  });
});

describe('describeLoop', () => {
  it('names each file relative to the first one’s folder', () => {
    expect(describeLoop(['/p/src/watch.ts', '/p/run/context.ts', '/p/src/watch.ts'])).toBe(
      'watch.ts → ../run/context.ts → watch.ts',
    );
  });
});

describe('slipway/no-import-cycle', () => {
  const root = mkdtempSync(join(tmpdir(), 'slipway-import-cycle-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'leaf.ts': 'export const leaf = 1;\n',
    'uses-leaf.ts': "import { leaf } from './leaf';\nexport const twice = leaf * 2;\n",
    'verdict.ts': "import { retry } from './rollback';\nexport const verdict = () => retry;\n",
    'rollback.ts': "import { verdict } from './verdict';\nexport const retry = () => verdict;\n",
    'service.ts': "import type { Deployment } from './deployment';\nexport type Service = { runs: Deployment[] };\n",
    'deployment.ts':
      "import { type Service } from './service';\nexport type Deployment = { of: Service };\nexport const none = [];\n",
    'store.ts': "import { seed } from './seed';\nexport class Store {}\nexport const store = seed(new Store());\n",
    'seed.ts': "import type { Store } from './store';\nexport const seed = (s: Store) => s;\n",
    'release.ts': "import { phase } from './phases/index';\nexport const release = phase;\n",
    'phases/index.ts': "export * from './watch';\n",
    'phases/watch.ts': "import { release } from '../release';\nexport const phase = () => release;\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const at = (name: string, says: string) => ({ name: says, filename: join(root, name), code: files[name] });
  const cycle = (loop: string) => ({ messageId: 'cycle' as const, data: { loop } });

  new RuleTester({ languageOptions: { parser: tseslint.parser } }).run('no-import-cycle', noImportCycle, {
    valid: [
      at('leaf.ts', 'a module without imports'),
      at('uses-leaf.ts', 'an import that does not lead back'),
      at('service.ts', 'types that refer to each other: erased, no cycle at run time'),
      at('deployment.ts', 'named bindings all marked type are erased too'),
      at('store.ts', 'an import whose only way back is a type import'),
      { name: 'an import of a package', filename: join(root, 'pkg.ts'), code: "import ts from 'typescript';" },
    ],
    invalid: [
      {
        ...at('verdict.ts', 'two modules that import each other'),
        errors: [cycle('verdict.ts → rollback.ts → verdict.ts')],
      },
      {
        ...at('release.ts', 'a loop through a folder’s index'),
        errors: [cycle('release.ts → phases/index.ts → phases/watch.ts → release.ts')],
      },
      {
        ...at('phases/index.ts', 'a re-export that leads back'),
        errors: [cycle('index.ts → watch.ts → ../release.ts → index.ts')],
      },
    ],
  });
});
