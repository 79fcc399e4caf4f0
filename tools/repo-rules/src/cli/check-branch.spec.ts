import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { fakeIo } from '../test-support/fake-io';
import { checkBranchCli } from './check-branch';

describe('check-branch', () => {
  let sandbox: GitSandbox;
  let repo: string;

  beforeAll(() => {
    sandbox = createGitSandbox('check-branch');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    sandbox.commit(repo, 'chore: start');
  });
  afterAll(() => sandbox.cleanup());

  it('passes a good name given as argument', async () => {
    const io = fakeIo(repo);
    expect(await checkBranchCli(['feature/add-login'], io)).toBe(0);
    expect(io.out).toEqual(['✔ branch "feature/add-login" follows the branch rule (work branch)']);
  });

  it('refuses a bad name with exit 1 and the rule', async () => {
    const io = fakeIo(repo);
    expect(await checkBranchCli(['Feature/AddLogin'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(
      /^✖ Branch name "Feature\/AddLogin" is refused: .*\nBranch names are feature\/<short-desc>/,
    );
    expect(io.err.join('\n')).toContain('Rename it: git branch -m "Feature/AddLogin" feature/add-login');
  });

  it('checks the current branch by default', async () => {
    sandbox.git(['checkout', '--quiet', '-b', 'wip'], repo);
    try {
      const io = fakeIo(repo);
      expect(await checkBranchCli([], io)).toBe(1);
      expect(io.err[0]).toContain('Branch name "wip" is refused');
    } finally {
      sandbox.git(['checkout', '--quiet', 'main'], repo);
    }
  });

  it('prefers the pull request branch in GitHub Actions', async () => {
    const io = fakeIo(repo, { GITHUB_HEAD_REF: 'bugfix/crash-on-start' });
    expect(await checkBranchCli([], io)).toBe(0);
    expect(io.out[0]).toContain('"bugfix/crash-on-start"');
  });

  it('asks for a name on a detached HEAD (exit 2)', async () => {
    sandbox.git(['checkout', '--quiet', '--detach'], repo);
    try {
      const io = fakeIo(repo, { GITHUB_HEAD_REF: '' });
      expect(await checkBranchCli([], io)).toBe(2);
      expect(io.err[0]).toContain(
        'HEAD is not on a branch (detached or not a git repository): pass the branch name to check',
      );
    } finally {
      sandbox.git(['checkout', '--quiet', 'main'], repo);
    }
  });

  it('checks every branch of a push, from pre-push stdin', async () => {
    const sha = 'a'.repeat(40);
    const stdin = `refs/heads/feature/ok ${sha} refs/heads/feature/ok ${'0'.repeat(40)}\nrefs/heads/x ${sha} refs/heads/Bad_Name ${sha}\n`;
    const io = fakeIo(repo, {}, stdin);
    expect(await checkBranchCli(['--pre-push', 'origin', 'git@example.invalid:repo.git'], io)).toBe(1);
    expect(io.out).toEqual(['✔ branch "feature/ok" follows the branch rule (work branch)']);
    expect(io.err[0]).toContain('Branch name "Bad_Name" is refused');
  });

  it('passes a push that only deletes or tags', async () => {
    const io = fakeIo(repo, {}, `(delete) ${'0'.repeat(40)} refs/heads/Old ${'a'.repeat(40)}\n`);
    expect(await checkBranchCli(['--pre-push', 'origin', 'url'], io)).toBe(0);
  });

  it('prints usage for --help and refuses extra arguments with exit 2', async () => {
    const help = fakeIo(repo);
    expect(await checkBranchCli(['--help'], help)).toBe(0);
    expect(help.out[0]).toContain('Usage: check-branch');
    const bad = fakeIo(repo);
    expect(await checkBranchCli(['a', 'b'], bad)).toBe(2);
    expect(await checkBranchCli(['--force'], bad)).toBe(2);
    expect(bad.err[0]).toContain('unexpected arguments: a b');
  });
});
