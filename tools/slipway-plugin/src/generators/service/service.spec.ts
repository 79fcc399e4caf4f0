import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, readNxJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '@slipway/testing';
import { PLUGIN_NAME } from '../init/init';
import { serviceGenerator } from './service';

const real = (path: string) => readFileSync(join(WORKSPACE_ROOT, path), 'utf8');

/** This workspace's api, its manifests and deploy.yml, as they are on disk. */
function withTheApi(tree: Tree): void {
  tree.write('apps/api/deploy.json', real('apps/api/deploy.json'));
  tree.write('apps/api/project.json', real('apps/api/project.json'));
  for (const file of readdirSync(join(WORKSPACE_ROOT, 'deploy/kubernetes/api')))
    tree.write(`deploy/kubernetes/api/${file}`, real(`deploy/kubernetes/api/${file}`));
  tree.write('.github/workflows/deploy.yml', real('.github/workflows/deploy.yml'));
}

type Environments = Record<string, Record<string, string>>;
const environments = (tree: Tree, app: string) =>
  readJson<{ environments: Environments }>(tree, `apps/${app}/deploy.json`).environments;

describe('service generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  });

  describe('in an empty workspace', () => {
    it('creates the service, its tests, its image and its project, and registers the plugin', async () => {
      await serviceGenerator(tree, { name: 'job-runner', skipFormat: true });
      const files = tree.listChanges().map((change) => change.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'apps/job-runner/src/main.ts',
          'apps/job-runner/src/main.spec.ts',
          'apps/job-runner/src/app/job-runner-service.ts',
          'apps/job-runner/src/app/job-runner-service.spec.ts',
          'apps/job-runner/jest.config.js',
          'apps/job-runner/eslint.config.mjs',
          'apps/job-runner/tsconfig.json',
          'apps/job-runner/tsconfig.app.json',
          'apps/job-runner/tsconfig.spec.json',
          'apps/job-runner/Dockerfile',
          'apps/job-runner/Dockerfile.dockerignore',
          'apps/job-runner/deploy.json',
        ]),
      );
      expect(files.some((file) => file.startsWith('deploy/kubernetes'))).toBe(false);
      expect(tree.read('apps/job-runner/src/app/job-runner-service.ts', 'utf-8')).toContain(
        "export const jobRunnerService: ServiceDefinition<typeof jobRunnerSettings> = {\n  name: 'job-runner',",
      );
      expect(readNxJson(tree)?.plugins).toEqual([{ plugin: PLUGIN_NAME }]);
    });

    it('tags the project and configures only what no plugin infers', async () => {
      await serviceGenerator(tree, { name: 'billing', skipFormat: true });
      const project = readProjectConfiguration(tree, 'billing');
      expect(project.tags).toEqual(['type:app', 'scope:billing']);
      expect(Object.keys(project.targets ?? {}).sort()).toEqual(['build', 'docker:run', 'serve', 'test', 'typecheck']);
      expect(project.targets?.['build']?.options).toMatchObject({
        main: 'apps/billing/src/main.ts',
        outputPath: 'dist/apps/billing',
      });
      expect(project.targets?.['serve']?.options).toMatchObject({ env: { PORT: '3000' } });
    });

    it('gives it staging and production on ECS and a local environment on port 3000', async () => {
      await serviceGenerator(tree, { name: 'billing', skipFormat: true });
      expect(environments(tree, 'billing')).toEqual({
        staging: expect.objectContaining({ provider: 'ecs', service: 'billing', repository: 'slipway/billing' }),
        production: expect.objectContaining({ provider: 'ecs', cluster: 'slipway-production' }),
        local: expect.objectContaining({ provider: 'local', container: 'slipway-billing-local', port: '3000' }),
      });
    });

    it('lets in only its own bundle, through an ignore file beside its Dockerfile', async () => {
      await serviceGenerator(tree, { name: 'billing', skipFormat: true });
      expect(tree.read('apps/billing/Dockerfile', 'utf-8')).toContain('COPY dist/apps/billing/main.js ./main.js');
      expect(tree.read('apps/billing/Dockerfile.dockerignore', 'utf-8')).toMatch(
        /\n\*\n!dist\/apps\/billing\/main\.js\n$/,
      );
    });
  });

  describe('beside this workspace api', () => {
    beforeEach(() => withTheApi(tree));

    it('takes the api environments, renaming what names the service and giving it the next local port', async () => {
      await serviceGenerator(tree, { name: 'status', skipFormat: true });
      const api = environments(tree, 'api');
      const status = environments(tree, 'status');
      expect(Object.keys(status)).toEqual(Object.keys(api));
      expect(status['staging']).toEqual({
        ...api['staging'],
        service: 'status',
        container: 'status',
        repository: 'slipway/status',
      });
      expect(status['local']).toEqual({
        ...api['local'],
        repository: 'slipway/status',
        container: 'slipway-status-local',
        port: '3001',
      });
      expect(status['kubernetes']).toMatchObject({
        deployment: 'status',
        container: 'status',
        repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/status',
        namespace: api['kubernetes']['namespace'],
        context: api['kubernetes']['context'],
      });
    });

    it('takes its Kubernetes manifests, renamed, keys untouched', async () => {
      await serviceGenerator(tree, { name: 'status', skipFormat: true });
      const deployment = parse(tree.read('deploy/kubernetes/status/deployment.yaml', 'utf-8') ?? '');
      expect(deployment).toMatchObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'status',
          labels: { 'app.kubernetes.io/name': 'status', 'app.kubernetes.io/part-of': 'slipway' },
        },
        spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'status' } } },
      });
      expect(deployment.spec.template.spec.containers[0]).toMatchObject({
        name: 'status',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/status:v1.0.0',
      });
      expect(tree.read('deploy/kubernetes/status/deployment.yaml', 'utf-8')).toMatch(
        /^# The status as a Kubernetes Deployment/,
      );
      expect(tree.children('deploy/kubernetes/status').sort()).toEqual(tree.children('deploy/kubernetes/api').sort());
    });

    it("adds it to deploy.yml's service choice and changes nothing else there", async () => {
      const before = tree.read('.github/workflows/deploy.yml', 'utf-8') ?? '';
      await serviceGenerator(tree, { name: 'billing', skipFormat: true });
      const after = tree.read('.github/workflows/deploy.yml', 'utf-8') ?? '';
      expect(after.split('\n').filter((line, i) => line !== before.split('\n')[i])).toEqual([
        '        options: [all, api, billing, status]',
      ]);
    });

    it('gives a second new service the port after that, and keeps the choice in order', async () => {
      await serviceGenerator(tree, { name: 'status', skipFormat: true });
      await serviceGenerator(tree, { name: 'billing', skipFormat: true });
      expect(environments(tree, 'billing')['local']['port']).toBe('3002');
      expect(
        parse(tree.read('.github/workflows/deploy.yml', 'utf-8') ?? '').on.workflow_dispatch.inputs.service.options,
      ).toEqual(['all', 'api', 'billing', 'status']);
    });

    it('takes the local port it is given', async () => {
      await serviceGenerator(tree, { name: 'status', port: 4100, skipFormat: true });
      expect(environments(tree, 'status')['local']['port']).toBe('4100');
    });

    it('formats what it wrote with the workspace formatter unless told not to', async () => {
      const formatted = createTreeWithEmptyWorkspace({ formatter: 'prettier' });
      withTheApi(formatted);
      await serviceGenerator(formatted, { name: 'status' });
      expect(formatted.read('apps/status/deploy.json', 'utf-8')).toMatch(/^\{\n {2}"\$comment"/);
    });
  });

  it.each<[string, Parameters<typeof serviceGenerator>[1], string]>([
    ['an upper-case name', { name: 'Status' }, '"Status" is not a service name'],
    ['a name with a space', { name: 'job runner' }, 'is not a service name'],
    ['a trailing dash', { name: 'jobs-' }, 'is not a service name'],
    ['a long name', { name: 'a'.repeat(41) }, 'at most 40 characters'],
    ['"all"', { name: 'all' }, '"all" is reserved'],
    ['an existing project', { name: 'api' }, 'a project named "api" already exists'],
    ['a taken port', { name: 'status', port: 3000 }, 'local port 3000 is taken by another service'],
  ])('refuses %s and writes nothing', async (_, schema, message) => {
    withTheApi(tree);
    const before = tree.listChanges().length;
    await expect(serviceGenerator(tree, { ...schema, skipFormat: true })).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('refuses a folder that exists already', async () => {
    tree.write('apps/status/README.md', 'an old service');
    await expect(serviceGenerator(tree, { name: 'status', skipFormat: true })).rejects.toThrow(
      'apps/status already exists',
    );
  });
});

describe('the generator is the api shape: generating "api" gives the api files', () => {
  it.each([
    'Dockerfile',
    'Dockerfile.dockerignore',
    'eslint.config.mjs',
    'jest.config.js',
    'tsconfig.json',
    'tsconfig.app.json',
    'tsconfig.spec.json',
    'src/main.ts',
    'src/app/api-service.ts',
  ])('apps/api/%s', async (file) => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    await serviceGenerator(tree, { name: 'api', skipFormat: true });
    expect(tree.read(`apps/api/${file}`, 'utf-8')).toBe(real(`apps/api/${file}`));
  });
});
