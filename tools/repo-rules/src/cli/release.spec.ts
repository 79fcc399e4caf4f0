import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { fakeIo } from '../test-support/fake-io';
import type { SemanticRelease, SemanticReleaseResult } from '../lib/semantic-release-types';
import { releaseCli } from './release';

/** The CLI's wiring around semantic-release; the real semantic-release runs in release.e2e.spec.ts. */
describe('release CLI', () => {
  let sandbox: GitSandbox;
  let repo: string;
  let head: string;

  beforeAll(() => {
    sandbox = createGitSandbox('release-cli');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    head = sandbox.commit(repo, 'feat: one');
  });
  afterAll(() => sandbox.cleanup());

  function recording(result: SemanticReleaseResult | Error) {
    const calls: Parameters<SemanticRelease>[] = [];
    const load = async (): Promise<SemanticRelease> => async (options, run) => {
      calls.push([options, run]);
      if (result instanceof Error) throw result;
      return result;
    };
    return { calls, load };
  }

  it('runs semantic-release with the release config and writes both outputs', async () => {
    const githubOutput = join(repo, 'github-output');
    const { calls, load } = recording({
      lastRelease: {},
      commits: [],
      nextRelease: { version: '1.0.0', gitTag: 'v1.0.0', gitHead: head, type: 'minor' },
    });
    const io = fakeIo(repo, { GITHUB_OUTPUT: githubOutput, UNSET: undefined });
    expect(
      await releaseCli(
        ['--no-ci', '--repository-url', 'file:///remote.git', '--result-file', 'out/result.json'],
        io,
        load,
      ),
    ).toBe(0);

    const [options, run] = calls[0]!;
    expect(options).toMatchObject({
      branches: ['main'],
      tagFormat: 'v${version}',
      dryRun: false,
      ci: false,
      repositoryUrl: 'file:///remote.git',
    });
    expect(run).toEqual({ cwd: repo, env: { GITHUB_OUTPUT: githubOutput } });
    expect(JSON.parse(readFileSync(join(repo, 'out/result.json'), 'utf8'))).toEqual({
      published: true,
      version: '1.0.0',
      gitTag: 'v1.0.0',
      commit: head,
    });
    expect(readFileSync(githubOutput, 'utf8')).toContain('published=true\nversion=1.0.0\n');
    expect(io.out[0]).toBe(`release: published v1.0.0 at ${head}; result in ${join(repo, 'out/result.json')}`);
  });

  it('keeps the repository URL from the config or git when none is given, and publishes nothing in a dry run', async () => {
    const { calls, load } = recording({
      lastRelease: {},
      commits: [],
      nextRelease: { version: '1.0.0', gitTag: 'v1.0.0', gitHead: head, type: 'minor' },
    });
    const io = fakeIo(repo);
    expect(await releaseCli(['--dry-run'], io, load)).toBe(0);
    expect(calls[0]![0]).not.toHaveProperty('repositoryUrl');
    expect(calls[0]![0]).toMatchObject({ dryRun: true, ci: true });
    expect(JSON.parse(readFileSync(join(repo, 'tmp/release/result.json'), 'utf8'))).toMatchObject({
      published: false,
      version: null,
    });
    expect(io.out[0]).toContain('release: no version published (dry run)');
  });

  it('exits 1 with semantic-release’s error code and removes a stale result', async () => {
    const resultFile = join(repo, 'tmp/release/result.json');
    writeFileSync(resultFile, '{"published":true}');
    const error = Object.assign(new Error('Cannot push to the Git repository.'), { code: 'EGITNOPERMISSION' });
    const io = fakeIo(repo);
    expect(await releaseCli([], io, recording(error).load)).toBe(1);
    expect(io.err[0]).toBe('✖ release failed: EGITNOPERMISSION Cannot push to the Git repository.');
    expect(existsSync(resultFile)).toBe(false);
  });

  it.each([[['--publish']], [['--repository-url']], [['--result-file', '--dry-run']]])(
    'refuses %p with exit 2',
    async (argv) => {
      const io = fakeIo(repo);
      const { calls, load } = recording(false);
      expect(await releaseCli(argv, io, load)).toBe(2);
      expect(io.err[0]).toContain('Usage: release');
      expect(calls).toHaveLength(0);
    },
  );

  it('prints usage for --help', async () => {
    const io = fakeIo(repo);
    expect(await releaseCli(['--help'], io, recording(false).load)).toBe(0);
    expect(io.out[0]).toContain('tmp/release/result.json');
  });
});
