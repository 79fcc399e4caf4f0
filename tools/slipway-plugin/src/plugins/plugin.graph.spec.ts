import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runNx, WORKSPACE_ROOT } from '@slipway/testing';
import before from './__fixtures__/api-before-inference.json';
import lintBefore from './__fixtures__/lint-before-inference.json';

// The real `nx` over this workspace: the plugin is registered in nx.json and apps/api/project.json
// no longer spells out the five targets, yet Nx resolves them exactly as before.
jest.setTimeout(120_000);

async function nxJson<T>(...args: string[]): Promise<T> {
  const result = await runNx(args, { cwd: WORKSPACE_ROOT });
  if (result.code !== 0) throw new Error(`nx ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

interface ShownProject {
  targets: Record<string, { executor?: string; options?: unknown; metadata?: { description?: string } }>;
  metadata?: { targetGroups?: Record<string, string[]> };
}

interface ShownGraph {
  graph: { nodes: Record<string, { data: ShownProject & { root: string } }> };
}

describe('the plugin in this workspace (nx show)', () => {
  it('nx show project api: the same targets, with the same executors and options, as before inference', async () => {
    const api = await nxJson<ShownProject>('show', 'project', 'api', '--json');
    expect(Object.keys(api.targets).sort()).toEqual(before.targetNames);
    for (const [name, expected] of Object.entries(before.targets)) {
      expect({ name, executor: api.targets[name].executor, options: api.targets[name].options }).toEqual({
        name,
        ...expected,
      });
      expect(api.targets[name].metadata?.description).toBeTruthy();
    }
    expect(api.metadata?.targetGroups?.['Slipway']).toEqual(Object.keys(before.targets));
  });

  it('nx show projects --withTarget deploy: exactly the apps with a deploy.json', async () => {
    const deployable = readdirSync(join(WORKSPACE_ROOT, 'apps')).filter((app) =>
      existsSync(join(WORKSPACE_ROOT, 'apps', app, 'deploy.json')),
    );
    expect(deployable.length).toBeGreaterThan(0);
    expect((await nxJson<string[]>('show', 'projects', '--withTarget', 'deploy', '--json')).sort()).toEqual(
      deployable.sort(),
    );
  });
});

describe('lint, inferred from eslint.config.mjs without @nx/eslint/plugin (nx graph)', () => {
  const nxConfig = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'nx.json'), 'utf8'));

  it('every project with an eslint.config.mjs has lint, as @nx/eslint/plugin inferred it; no other has', async () => {
    const { graph } = await nxJson<ShownGraph>('graph', '--file=stdout');
    const projects = Object.entries(graph.nodes).map(([name, { data }]) => ({ name, ...data }));
    const withConfig = projects.filter(({ root }) => existsSync(join(WORKSPACE_ROOT, root, 'eslint.config.mjs')));
    expect(withConfig.length).toBeGreaterThan(0);
    expect(projects.filter(({ targets }) => targets.lint).map(({ name }) => name)).toEqual(
      withConfig.map(({ name }) => name),
    );
    for (const { name, root, targets } of withConfig)
      expect({ name, lint: targets.lint }).toEqual({
        name,
        lint: {
          ...lintBefore.target,
          inputs: nxConfig.targetDefaults.lint.inputs,
          options: { ...lintBefore.target.options, cwd: root },
        },
      });
  });

  it('is not inferred by @nx/eslint/plugin, which loads ESLint in every nx process', () => {
    const names = nxConfig.plugins.map((plugin: string | { plugin: string }) =>
      typeof plugin === 'string' ? plugin : plugin.plugin,
    );
    expect(names).not.toContain('@nx/eslint/plugin');
  });
});
