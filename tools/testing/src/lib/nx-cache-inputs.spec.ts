import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command';
import { ENSURE_NODE_SCRIPT, WORKSPACE_ROOT } from './workspace';

// Nx's cache lives outside the clone and outlives a change of Node: a task that passed (or failed)
// under one Node must not be replayed under another. The real nx, on a real target, with a cache
// and workspace-data dir of its own; the Node on PATH is what the runtime input asks. The project
// graph checked is the one that run computed its cache keys from (workspace-data/project-graph.json,
// what `nx graph --file` prints as `graph`): one nx start fewer than asking `nx graph` again.
const RUNTIME_INPUT = { runtime: 'node --version' };
const NX = require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] });
const TARGET = 'versioning:typecheck';
const minutes = (n: number) => n * 60_000;

type Input = string | Record<string, unknown>;
interface ProjectGraph {
  nodes: Record<string, { data: { targets: Record<string, { cache?: boolean; inputs?: Input[] }> } }>;
}

describe('the Nx cache key includes the Node runtime', () => {
  let dir: string;
  let oldNode: string;
  /** The first run of the target, in an empty cache. */
  let firstRun: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-nx-cache-'));
    oldNode = (await runCommand('bash', [ENSURE_NODE_SCRIPT, '--dir', '20'], { timeoutMs: minutes(3) })).stdout.trim();
    firstRun = await cacheHits();
  }, minutes(5));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Nx under this test's Node, with `node` on PATH from `pathNode` (the runtime the cache key sees). */
  const nx = (args: string[], pathNode = dirname(process.execPath)) => {
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')),
    );
    return runCommand(process.execPath, [NX, ...args], {
      cwd: WORKSPACE_ROOT,
      timeoutMs: minutes(3),
      env: {
        ...env,
        PATH: `${pathNode}:${process.env.PATH}`,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_ISOLATE_PLUGINS: 'false',
        NX_CACHE_DIRECTORY: join(dir, 'cache'),
        NX_WORKSPACE_DATA_DIRECTORY: join(dir, 'workspace-data'),
      },
    });
  };
  const cacheHits = async (pathNode?: string) => {
    const run = await nx(['run', TARGET, '--output-style=static'], pathNode);
    expect(run.code).toBe(0);
    return /Cache:\s+1\/1 hit/.test(run.stdout) ? 'hit' : /Cache:\s+0\/1 hit/.test(run.stdout) ? 'miss' : run.stdout;
  };

  it(
    'is in the inputs of every cached target of every project',
    () => {
      const graph = JSON.parse(readFileSync(join(dir, 'workspace-data/project-graph.json'), 'utf8')) as ProjectGraph;
      const { namedInputs } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'nx.json'), 'utf8')) as {
        namedInputs: Record<string, Input[]>;
      };
      const expand = (inputs: Input[]): Input[] =>
        inputs.flatMap((input) =>
          typeof input === 'string' && namedInputs[input] ? expand(namedInputs[input]) : [input],
        );
      const cached = Object.entries(graph.nodes).flatMap(([project, node]) =>
        Object.entries(node.data.targets)
          .filter(([, target]) => target.cache)
          .map(([name, target]) => ({ task: `${project}:${name}`, inputs: expand(target.inputs ?? ['default']) })),
      );
      expect(cached.length).toBeGreaterThan(30);
      expect(
        cached.filter(({ inputs }) => !inputs.some((i) => JSON.stringify(i) === JSON.stringify(RUNTIME_INPUT))),
      ).toEqual([]);
    },
    minutes(3),
  );

  it(
    `misses the cache when the Node on PATH changes, and hits it again on the first Node (${TARGET})`,
    async () => {
      expect(firstRun).toBe('miss');
      expect(await cacheHits()).toBe('hit');
      expect(await cacheHits(oldNode)).toBe('miss');
      expect(await cacheHits()).toBe('hit');
    },
    minutes(4),
  );
});
