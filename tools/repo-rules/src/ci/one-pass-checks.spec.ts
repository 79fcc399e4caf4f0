import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCachedProjectGraph } from '@nx/devkit';
import * as ts from 'typescript';

// `npm test` lints and type-checks every project in one pass (tools/ci/run-targets.sh): one ESLint over
// apps/, libs/ and tools/, one tsc over tsconfig.all.json. That is each project's own `lint` and
// `typecheck` (what `nx affected` runs) only while every project is linted with the root config and
// compiled with the same options; these cases fail the day one project differs.
const ROOT = join(__dirname, '../../../..');
const projects = Object.values(readCachedProjectGraph().nodes).map(({ name, data }) => ({ name, ...data }));

function compiled(config: string) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, config),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed || parsed.errors.length) throw new Error(`${config} does not parse`);
  const { configFilePath, ...options } = parsed.options;
  return { options, files: parsed.fileNames };
}

describe('lint and typecheck in one pass over every project', () => {
  const all = compiled('tsconfig.all.json');
  const own = new Map(projects.map(({ name, root }) => [name, compiled(join(root, 'tsconfig.json'))]));

  it('finds every project of the workspace', () => {
    expect(projects.map(({ name }) => name)).toEqual(expect.arrayContaining(['api', 'deploy-engine', 'rehearsal']));
  });

  it.each(projects)(
    '$name: its typecheck compiles with the options of tsconfig.all.json',
    ({ name, root, targets }) => {
      expect(targets?.typecheck?.options?.command).toBe(`tsc -p ${root}/tsconfig.json --noEmit`);
      const { options, files } = own.get(name)!;
      expect(options).toEqual(all.options);
      expect(files.length).toBeGreaterThan(0);
      expect(all.files).toEqual(expect.arrayContaining(files));
    },
  );

  it('checks no file that no project checks', () => {
    const owned = new Set([...own.values()].flatMap(({ files }) => files));
    expect(all.files.filter((file) => !owned.has(file))).toEqual([]);
  });

  it.each(projects)('$name: its lint is ESLint over its folder with the root config alone', ({ root, targets }) => {
    expect(targets?.lint?.options).toMatchObject({ cwd: root, command: 'eslint .' });
    expect(['apps', 'libs', 'tools']).toContain(root.split('/')[0]);
    expect(readFileSync(join(ROOT, root, 'eslint.config.mjs'), 'utf8')).toBe(
      "import baseConfig from '../../eslint.config.mjs';\n\nexport default [...baseConfig];\n",
    );
  });
});
