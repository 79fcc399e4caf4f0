import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { commitsSince, lastReleaseTag } from './release-history';

describe('release history from tags', () => {
  let sandbox: GitSandbox;
  let repo: string;

  beforeEach(() => {
    sandbox = createGitSandbox('release-history');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
  });
  afterEach(() => sandbox.cleanup());

  it('has no last release and every commit before the first tag', () => {
    const first = sandbox.commit(repo, 'feat: one');
    const second = sandbox.commit(repo, 'fix: two\n\nbody');
    expect(lastReleaseTag(repo)).toBeNull();
    expect(commitsSince(null, repo)).toEqual([
      { hash: second, message: 'fix: two\n\nbody' },
      { hash: first, message: 'feat: one' },
    ]);
  });

  it('takes the highest release tag on HEAD, by version rather than name or date', () => {
    sandbox.commit(repo, 'feat: one');
    sandbox.git(['tag', 'v1.10.0'], repo);
    sandbox.commit(repo, 'fix: two');
    sandbox.git(['tag', 'v1.9.0'], repo);
    sandbox.git(['tag', 'v2.0.0-rc.1'], repo);
    sandbox.git(['tag', 'vnext'], repo);
    const after = sandbox.commit(repo, 'docs: three');
    sandbox.git(['checkout', '--quiet', '-b', 'other', 'HEAD~2'], repo);
    sandbox.commit(repo, 'feat: elsewhere');
    sandbox.git(['tag', 'v9.0.0'], repo);
    sandbox.git(['checkout', '--quiet', 'main'], repo);

    expect(lastReleaseTag(repo)).toBe('v1.10.0');
    expect(commitsSince('v1.10.0', repo).map((c) => c.hash)).toEqual([
      after,
      sandbox.git(['rev-parse', 'HEAD~1'], repo),
    ]);
  });
});
