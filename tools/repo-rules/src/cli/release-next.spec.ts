import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { fakeIo } from '../test-support/fake-io';
import { pluginName } from '../lib/release-config';
import type { PluginSpec, SemanticRelease, SemanticReleaseRun } from '../lib/semantic-release-types';
import { releaseNextCli, ReleaseNextDeps } from './release-next';

/** The CLI's wiring; the real semantic-release dry run is in release-next.e2e.spec.ts. */
describe('release-next CLI', () => {
  let sandbox: GitSandbox;
  let repo: string;

  beforeAll(() => {
    sandbox = createGitSandbox('release-next-cli');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    sandbox.commit(repo, 'feat: one');
    sandbox.git(['tag', 'v1.0.0'], repo);
    sandbox.commit(repo, 'docs: two');
  });
  afterAll(() => sandbox.cleanup());

  function deps(semanticRelease: SemanticRelease): ReleaseNextDeps {
    return {
      loadSemanticRelease: async () => semanticRelease,
      loadCommitAnalyzer: async () => async (commit) => (commit.message.startsWith('feat') ? 'minor' : null),
    };
  }

  it('runs a dry run against the sandbox with no forge plugin and no tokens', async () => {
    const seen: { options?: Record<string, unknown>; run?: SemanticReleaseRun } = {};
    const io = fakeIo(repo, {
      PATH: process.env['PATH'],
      HOME: '/home/dev',
      GITHUB_TOKEN: 'secret',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
    });
    const code = await releaseNextCli(
      [],
      io,
      deps(async (options, run) => {
        Object.assign(seen, { options, run });
        return false;
      }),
    );
    expect(code).toBe(0);
    expect(seen.options).toMatchObject({
      dryRun: true,
      ci: false,
      repositoryUrl: expect.stringMatching(/^file:\/\/.*remote\.git$/),
    });
    expect((seen.options!['plugins'] as PluginSpec[]).map(pluginName)).not.toContain('@semantic-release/github');
    expect(seen.run!.env).toEqual({ PATH: process.env['PATH'], HOME: '/home/dev' });
    expect(seen.run!.cwd).not.toBe(repo);
    expect(io.out[0]).toContain('No release: none of the 1 commits since v1.0.0');
  });

  it('prints semantic-release’s log with --verbose', async () => {
    const io = fakeIo(repo, {});
    const code = await releaseNextCli(
      ['--verbose'],
      io,
      deps(async (_options, run) => {
        run.stdout!.write('Analysis of 1 commits complete\n');
        return false;
      }),
    );
    expect(code).toBe(0);
    expect(io.err.join('')).toContain('Analysis of 1 commits complete');
  });

  it('exits 1 with semantic-release’s log when the dry run fails', async () => {
    const io = fakeIo(repo, {});
    const code = await releaseNextCli(
      [],
      io,
      deps(async (_options, run) => {
        run.stderr!.write('ERELEASEBRANCHES something is off\n');
        throw new Error('The release branches are invalid');
      }),
    );
    expect(code).toBe(1);
    expect(io.err.join('\n')).toContain('ERELEASEBRANCHES something is off');
    expect(io.err.join('\n')).toContain('✖ release preview failed: The release branches are invalid');
  });

  it('exits 1 outside a git repository', async () => {
    const io = fakeIo('/', {});
    expect(
      await releaseNextCli(
        [],
        io,
        deps(async () => false),
      ),
    ).toBe(1);
    expect(io.err.join('\n')).toContain('not a git repository');
  });

  it('prints usage for --help', async () => {
    const io = fakeIo(repo);
    expect(
      await releaseNextCli(
        ['-h'],
        io,
        deps(async () => false),
      ),
    ).toBe(0);
    expect(io.out[0]).toContain('Usage: release-next');
  });
});
