import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSandbox, GitSandbox, runBin, WORKSPACE_ROOT } from '../test-support/git-sandbox';

/**
 * "affected" over a real git history: a clone of this workspace, one commit that changes a service
 * and one that changes a library both services use. build.yml's list (`npm run services:build`, the
 * real project graph) and ci.yml's tasks (`nx affected -t lint test build typecheck`) must agree.
 */
jest.setTimeout(180_000);

describe('which services a change affects (real git, real project graph)', () => {
  let sandbox: GitSandbox;
  let env: NodeJS.ProcessEnv;
  let clone: string;
  const commits: Record<'service' | 'library', { base: string; head: string }> = {} as never;

  const services = (...args: string[]) => {
    const run = runBin('services', ['build', ...args], { cwd: clone, env });
    if (run.status !== 0) throw new Error(`services build exited ${run.status}\n${run.stderr}`);
    return JSON.parse(run.stdout) as string[];
  };
  /** The tasks `nx affected` would run (its task graph, written without running anything). */
  const affectedTasks = ({ base, head }: { base: string; head: string }) => {
    const graph = join(sandbox.dir, `tasks-${head}.json`);
    const nx = require.resolve('nx/bin/nx', { paths: [clone] });
    const run = spawnSync(
      process.execPath,
      [
        nx,
        'affected',
        '-t',
        'lint',
        'test',
        'build',
        'typecheck',
        `--base=${base}`,
        `--head=${head}`,
        `--graph=${graph}`,
      ],
      { cwd: clone, env: { ...env, NX_DAEMON: 'false' }, encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) throw new Error(`nx affected exited ${run.status}\n${run.stderr}`);
    return Object.keys(JSON.parse(readFileSync(graph, 'utf8')).tasks.tasks as object).sort();
  };
  const change = (file: string, message: string) => {
    const base = sandbox.git(['rev-parse', 'HEAD'], clone);
    appendFileSync(join(clone, file), '// a change\n');
    sandbox.git(['add', file], clone);
    return { base, head: sandbox.commit(clone, message) };
  };

  beforeAll(() => {
    sandbox = createGitSandbox('services');
    // As CI runs Nx: plugins in-process, which halves the time each graph read takes.
    env = { ...sandbox.env, NX_ISOLATE_PLUGINS: 'false' };
    clone = join(sandbox.dir, 'repo');
    sandbox.git(['clone', '--quiet', '--shared', WORKSPACE_ROOT, clone], sandbox.dir);
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    appendFileSync(join(clone, '.git/info/exclude'), 'node_modules\n');
    commits.service = change('apps/status/src/main.ts', 'fix(status): a change to one service');
    commits.library = change('libs/service-runtime/src/index.ts', 'fix(service-runtime): a change every service uses');
  });
  afterAll(() => sandbox?.cleanup());

  it('a change in one service: build.yml builds only it, ci.yml runs only its tasks', () => {
    expect(services('--released', 'false', '--base', commits.service.base, '--head', commits.service.head)).toEqual([
      'status',
    ]);
    expect(affectedTasks(commits.service)).toEqual(['status:build', 'status:lint', 'status:test', 'status:typecheck']);
  });

  it('a change in a shared library: both services, and the library with everything else that uses it', () => {
    expect(services('--released', 'false', '--base', commits.library.base, '--head', commits.library.head)).toEqual([
      'api',
      'status',
    ]);
    const tasks = affectedTasks(commits.library);
    for (const project of ['service-runtime', 'api', 'status'])
      expect(tasks).toEqual(expect.arrayContaining([`${project}:lint`, `${project}:test`, `${project}:typecheck`]));
    expect(tasks).toEqual(expect.arrayContaining(['api:build', 'status:build']));
  });

  it('a release builds every service, whatever the commits touched', () => {
    expect(services('--released', 'true', '--base', commits.service.base, '--head', commits.service.head)).toEqual([
      'api',
      'status',
    ]);
  });
});
