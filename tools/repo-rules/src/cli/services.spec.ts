import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AffectedRange, ProjectsWithTarget } from '../lib/nx-projects';
import { fakeIo } from '../test-support/fake-io';
import { servicesCli } from './services';

/** A project graph of two services with images (api, jobs), both deployable; `affected` lists jobs only. */
function graph(): ProjectsWithTarget & { calls: [string, AffectedRange | undefined][] } {
  const calls: [string, AffectedRange | undefined][] = [];
  const query = async (target: string, affected?: AffectedRange) => {
    calls.push([target, affected]);
    return affected ? ['jobs'] : ['api', 'jobs'];
  };
  return Object.assign(query, { calls });
}

describe('services build (build.yml)', () => {
  it('builds every service with an image after a release', async () => {
    const io = fakeIo('/ws');
    const nx = graph();
    expect(await servicesCli(['build', '--released', 'true', '--base', 'a', '--head', 'b'], io, nx)).toBe(0);
    expect(io.out).toEqual(['["api","jobs"]']);
    expect(nx.calls).toEqual([['docker:build', undefined]]);
    expect(io.err.join('\n')).toContain('a version was released');
  });

  it('builds only the affected ones without a release', async () => {
    const io = fakeIo('/ws');
    const nx = graph();
    expect(
      await servicesCli(['build', '--released', 'false', '--base', 'a'.repeat(40), '--head', 'b'.repeat(40)], io, nx),
    ).toBe(0);
    expect(io.out).toEqual(['["jobs"]']);
    expect(nx.calls).toEqual([['docker:build', { base: 'a'.repeat(40), head: 'b'.repeat(40) }]]);
    expect(io.err.join('\n')).toContain(`affected between ${'a'.repeat(12)} and ${'b'.repeat(12)}`);
  });

  it('builds every service when there is no base to compare with', async () => {
    const io = fakeIo('/ws');
    expect(await servicesCli(['build', '--released', 'false'], io, graph())).toBe(0);
    expect(io.out).toEqual(['["api","jobs"]']);
  });

  it('writes the list to $GITHUB_OUTPUT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-services-'));
    try {
      const output = join(dir, 'output');
      expect(
        await servicesCli(['build', '--released', 'true'], fakeIo('/ws', { GITHUB_OUTPUT: output }), graph()),
      ).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe('services=["api","jobs"]\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['build'], '--released is required'],
    [['build', '--released', 'yes'], '--released is "true" or "false"'],
    [['build', '--released', ''], '--released needs a value'],
    [['build', '--released', 'false', '--base', 'a'], '--base and --head go together'],
    [['build', '--released', 'false', '--everything'], 'unknown argument "--everything"'],
    [['publish'], 'unknown command "publish"'],
    [[], 'unknown command ""'],
  ])('refuses %j with exit 2', async (argv, message) => {
    const io = fakeIo('/ws');
    expect(await servicesCli(argv, io, graph())).toBe(2);
    expect(io.err.join('\n')).toContain(message);
    expect(io.out).toEqual([]);
  });
});

describe('services deploy (deploy.yml)', () => {
  it('deploys one named service', async () => {
    const io = fakeIo('/ws');
    const nx = graph();
    expect(await servicesCli(['deploy', '--service', 'jobs'], io, nx)).toBe(0);
    expect(io.out).toEqual(['["jobs"]']);
    expect(nx.calls).toEqual([['deploy', undefined]]);
  });

  it('deploys every deployable service for "all"', async () => {
    const io = fakeIo('/ws');
    expect(await servicesCli(['deploy', '--service', 'all'], io, graph())).toBe(0);
    expect(io.out).toEqual(['["api","jobs"]']);
  });

  it('refuses a project without a deploy target, naming the services', async () => {
    const io = fakeIo('/ws');
    expect(await servicesCli(['deploy', '--service', 'versioning'], io, graph())).toBe(2);
    expect(io.err.join('\n')).toContain(
      '"versioning" is not a deployable service (no deploy target); the services are: api, jobs',
    );
  });

  it('exits 1 when the project graph cannot be read', async () => {
    const io = fakeIo('/ws');
    const broken: ProjectsWithTarget = async () => {
      throw new Error('nx show projects failed: no nx.json');
    };
    expect(await servicesCli(['deploy', '--service', 'all'], io, broken)).toBe(1);
    expect(io.err).toEqual(['✖ nx show projects failed: no nx.json']);
  });

  it('prints its usage', async () => {
    const io = fakeIo('/ws');
    expect(await servicesCli(['--help'], io, graph())).toBe(0);
    expect(io.out[0]).toMatch(/^Usage: services build/);
  });
});
