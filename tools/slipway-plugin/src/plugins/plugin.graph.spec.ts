import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runNx, WORKSPACE_ROOT } from '@slipway/testing';
import before from './__fixtures__/api-before-inference.json';

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
