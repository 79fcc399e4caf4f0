import { createGitSandbox, GitSandbox, runBin } from '../test-support/git-sandbox';
import { copyWorkspaceTooling } from '../test-support/workspace-copy';

/** The CI range check with the real commitlint and the repository's commitlint.config.js. */
describe('lint-commits on a real range', () => {
  let sandbox: GitSandbox;
  let repo: string;
  let base: string;
  let good: string;

  beforeAll(() => {
    sandbox = createGitSandbox('lint-commits');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    copyWorkspaceTooling(repo);
    base = sandbox.commit(repo, 'chore: start');
    sandbox.commit(repo, 'feat(api): add a health check');
    good = sandbox.commit(repo, 'fix: retry the rollout\n\nThe first attempt can race the target group.');
    sandbox.commit(repo, 'Update stuff');
    sandbox.commit(repo, 'feat: Add Deploy Command.');
  });
  afterAll(() => sandbox.cleanup());

  it('fails the range with a summary of every broken rule', () => {
    const run = runBin('lint-commits', ['--from', base, '--to', 'HEAD'], { cwd: repo, env: sandbox.env });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const summary = run.stderr;
    expect(summary).toContain(`commitlint: 4 commits in ${base}..HEAD: 2 passed, 2 failed.`);
    expect(summary).toMatch(
      /✖ [0-9a-f]{12} "Update stuff"\n {4}✖ subject-empty: subject may not be empty\n {4}✖ type-empty: type may not be empty/,
    );
    expect(summary).toMatch(
      /✖ [0-9a-f]{12} "feat: Add Deploy Command\."\n {4}✖ subject-case: .*\n {4}✖ subject-full-stop: subject may not end with full stop/,
    );
    expect(summary).toContain(
      'Broken rules: subject-empty (1 commit), type-empty (1 commit), subject-case (1 commit), subject-full-stop (1 commit).',
    );
    expect(summary).toContain('Types: build, chore, ci, docs, feat, fix, perf, refactor, revert, style, test.');
  });

  it('passes a clean range with base..head syntax', () => {
    const run = runBin('lint-commits', [`${base}..${good}`], { cwd: repo, env: sandbox.env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 passed, 0 failed.');
  });

  it('exits 2 with a hint when the base is not in the clone', () => {
    const run = runBin('lint-commits', ['--from', 'f'.repeat(40)], { cwd: repo, env: sandbox.env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a commit in this repository; in CI fetch the history first');
  });
});
