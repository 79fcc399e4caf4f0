import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSandbox, createRepoWithRemote, GitSandbox, runBin } from '../test-support/git-sandbox';

/** `npm run release:next` on a developer laptop: no token, no reachable remote, nothing may change. */
describe('release-next (real semantic-release dry run)', () => {
  let sandbox: GitSandbox;
  let work: string;
  let scratch: string;

  /** Everything a preview could change: refs, config, index and working tree. */
  const snapshot = () => ({
    refs: sandbox.git(['for-each-ref', '--format=%(refname) %(objectname)'], work),
    config: sandbox.git(['config', '--list', '--local'], work),
    status: sandbox.git(['status', '--porcelain', '--ignored'], work),
  });

  const preview = (args: string[] = []) => {
    // A pull request job in GitHub Actions with a token: the preview must ignore all of it.
    const env = {
      ...sandbox.env,
      TMPDIR: scratch,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_TOKEN: 'ghp_not_a_real_token',
    };
    const before = snapshot();
    const run = runBin('release-next', args, { cwd: work, env });
    expect(snapshot()).toEqual(before);
    // The throwaway remote and clone are gone (swc's own compile cache may live there too).
    expect(readdirSync(scratch).filter((name) => name.startsWith('slipway-release-next-'))).toEqual([]);
    return run;
  };

  beforeAll(() => {
    sandbox = createGitSandbox('release-next');
    ({ work } = createRepoWithRemote(sandbox));
    scratch = join(sandbox.dir, 'scratch');
    mkdirSync(scratch);
    sandbox.commit(work, 'feat: first service');
    sandbox.git(['tag', 'v1.0.0'], work);
    // No push rights and no network: origin points nowhere reachable.
    sandbox.git(['remote', 'set-url', 'origin', 'https://example.invalid/slipway.git'], work);
    sandbox.git(['checkout', '--quiet', '-b', 'feature/health'], work);
  });
  afterAll(() => sandbox.cleanup());

  it('says when nothing would be released', () => {
    sandbox.commit(work, 'docs: describe the health check');
    const run = preview();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'No release: none of the 1 commits since v1.0.0 is a feat, fix, perf or breaking change.',
    );
  });

  it('prints the next version and the commits behind it, changing nothing', () => {
    const fix = sandbox.commit(work, 'fix: report the real status');
    const feat = sandbox.commit(work, 'feat(api): add a health check');
    const run = preview();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Next release: v1.1.0 (minor), previous release: v1.0.0.');
    expect(run.stdout).toContain(`(feature/health) as if it were main`);
    expect(run.stdout).toContain(`  minor  ${feat.slice(0, 12)}  feat(api): add a health check`);
    expect(run.stdout).toContain(`  patch  ${fix.slice(0, 12)}  fix: report the real status`);
    expect(run.stdout).toMatch(/ {2}- {6}[0-9a-f]{12} {2}docs: describe the health check/);
    expect(sandbox.git(['tag', '--list'], work)).toBe('v1.0.0');
  });

  it('gives the same answer as JSON for scripts', () => {
    const run = preview(['--json']);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      branch: 'feature/health',
      lastRelease: 'v1.0.0',
      next: { version: '1.1.0', gitTag: 'v1.1.0', type: 'minor' },
    });
    expect(json.commits).toHaveLength(3);
  });

  it('previews a breaking change as a major', () => {
    sandbox.commit(work, 'refactor: move config\n\nBREAKING CHANGE: settings moved to SLIPWAY_*.');
    expect(preview().stdout).toContain('Next release: v2.0.0 (major), previous release: v1.0.0.');
  });

  it('refuses unknown arguments with exit 2', () => {
    const run = runBin('release-next', ['--push'], { cwd: work, env: sandbox.env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown argument "--push"');
  });
});
