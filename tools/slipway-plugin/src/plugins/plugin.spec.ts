import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import before from './__fixtures__/lint-before-inference.json';
import { createNodes, createNodesV2, DEPLOY_CONFIG_GLOB, ESLINT_CONFIG_GLOB } from './plugin';

describe('createNodes', () => {
  let workspaceRoot: string;
  let context: CreateNodesContext;
  const write = (path: string, content: unknown) => {
    mkdirSync(dirname(join(workspaceRoot, path)), { recursive: true });
    writeFileSync(join(workspaceRoot, path), typeof content === 'string' ? content : JSON.stringify(content));
  };
  const infer = (...files: string[]) => createNodes[1](files, undefined, context);
  const deployConfig = (repository: string) => ({
    environments: { staging: { provider: 'ecs', repository }, local: { provider: 'local', repository } },
  });

  beforeEach(() => {
    workspaceRoot = mkdtempSync(join(tmpdir(), 'slipway-plugin-'));
    context = { workspaceRoot, nxJsonConfiguration: {} };
  });
  afterEach(() => rmSync(workspaceRoot, { recursive: true, force: true }));

  it('is keyed on the deploy config of each app and on each ESLint config, and keeps the createNodesV2 name', () => {
    expect(DEPLOY_CONFIG_GLOB).toBe('apps/*/deploy.json');
    expect(ESLINT_CONFIG_GLOB).toBe('**/eslint.config.mjs');
    expect(createNodes[0]).toBe('{apps/*/deploy.json,**/eslint.config.mjs}');
    expect(createNodesV2).toBe(createNodes);
  });

  it('infers the Slipway targets for every deployable app, named as its project.json names it', async () => {
    write('apps/api/deploy.json', deployConfig('slipway/api'));
    write('apps/api/project.json', { name: 'api' });
    write('apps/jobs/deploy.json', deployConfig('acme/jobs-runner'));
    write('apps/jobs/project.json', { name: 'job-runner' });

    const results = await infer('apps/api/deploy.json', 'apps/jobs/deploy.json');

    expect(results.map(([file]) => file)).toEqual(['apps/api/deploy.json', 'apps/jobs/deploy.json']);
    const jobs = results[1][1].projects?.['apps/jobs'];
    expect(jobs?.root).toBe('apps/jobs');
    expect(jobs?.targets?.['publish-image']?.options).toEqual({ image: 'job-runner', repository: 'acme/jobs-runner' });
    expect(jobs?.targets?.['deploy']?.options).toEqual({ config: 'apps/jobs/deploy.json' });
    expect(jobs?.targets?.['deploy']?.metadata?.help?.command).toBe('npx nx run job-runner:deploy --help');
    expect(jobs?.metadata?.targetGroups?.['Slipway']).toHaveLength(5);
  });

  it('names a project without project.json after its folder', async () => {
    write('apps/worker/deploy.json', deployConfig('slipway/worker'));
    const [[, result]] = await infer('apps/worker/deploy.json');
    expect(result.projects?.['apps/worker']?.targets?.['publish-image']?.options).toMatchObject({ image: 'worker' });
  });

  it('still infers the targets when deploy.json does not parse, leaving the error to the deploy that reads it', async () => {
    write('apps/api/deploy.json', '{ "environments": ');
    write('apps/api/project.json', { name: 'api' });
    const [[, result]] = await infer('apps/api/deploy.json');
    expect(result.projects?.['apps/api']?.targets?.['publish-image']?.options).toEqual({ image: 'api' });
    expect(result.projects?.['apps/api']?.targets?.['deploy']?.options).toEqual({ config: 'apps/api/deploy.json' });
  });

  describe('lint', () => {
    // What @nx/eslint/plugin inferred, before Nx added its defaults (configurations, parallelism, and
    // the inputs of nx.json targetDefaults.lint): the same target, with the project's own folder as cwd.
    const { configurations, parallelism, ...inferredBefore } = before.target;
    const lintOf = (root: string) => ({ ...inferredBefore, options: { ...inferredBefore.options, cwd: root } });
    const lintTargets = async (...files: string[]) =>
      (await infer(...files)).map(([file, result]) => [file, result.projects?.[dirname(file)]?.targets?.['lint']]);

    it('is the target @nx/eslint/plugin inferred, for every project with an eslint.config.mjs', async () => {
      write('libs/versioning/project.json', { name: 'versioning' });
      write('libs/versioning/eslint.config.mjs', 'export default [];');
      write('tools/plugin/package.json', { name: '@acme/plugin' });
      write('tools/plugin/eslint.config.mjs', 'export default [];');

      expect(await lintTargets('libs/versioning/eslint.config.mjs', 'tools/plugin/eslint.config.mjs')).toEqual([
        ['libs/versioning/eslint.config.mjs', lintOf('libs/versioning')],
        ['tools/plugin/eslint.config.mjs', lintOf('tools/plugin')],
      ]);
    });

    it('comes beside the Slipway targets of a deployable app, which keep theirs', async () => {
      write('apps/api/project.json', { name: 'api' });
      write('apps/api/deploy.json', deployConfig('slipway/api'));
      write('apps/api/eslint.config.mjs', 'export default [];');

      const results = await infer('apps/api/deploy.json', 'apps/api/eslint.config.mjs');

      expect(Object.keys(results[0][1].projects?.['apps/api']?.targets ?? {})).toHaveLength(5);
      expect(results[1][1].projects?.['apps/api']?.targets).toEqual({ lint: lintOf('apps/api') });
    });

    it('makes no project of an ESLint config where none is: the workspace root, a folder without one', async () => {
      write('package.json', { name: 'workspace' });
      write('eslint.config.mjs', 'export default [];');
      write('docs/eslint.config.mjs', 'export default [];');
      expect(await infer('eslint.config.mjs', 'docs/eslint.config.mjs')).toEqual([
        ['eslint.config.mjs', {}],
        ['docs/eslint.config.mjs', {}],
      ]);
    });
  });
});
