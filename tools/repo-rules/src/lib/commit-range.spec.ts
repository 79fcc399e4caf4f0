import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { CommitRangeError, logCommits, parseRangeArgs, readRangeCommits } from './commit-range';

describe('parseRangeArgs', () => {
  it.each([
    [['--from', 'abc', '--to', 'def'], { from: 'abc', to: 'def' }],
    [['--to', 'def', '--from', 'abc'], { from: 'abc', to: 'def' }],
    [['--from', 'origin/main'], { from: 'origin/main', to: 'HEAD' }],
    [['abc..def'], { from: 'abc', to: 'def' }],
  ])('reads %p', (argv, range) => {
    expect(parseRangeArgs(argv)).toEqual(range);
  });

  it.each([
    [[], /missing the base of the range/],
    [['--to', 'x'], /missing the base of the range/],
    [['--from'], /unexpected arguments: --from/],
    [['--from', '--to', 'x'], /unexpected arguments/],
    [['--from', ''], /unexpected arguments/],
    [['a...b'], /unexpected arguments: a\.\.\.b/],
    [['--since', 'x'], /unexpected arguments/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseRangeArgs(argv)).toThrow(CommitRangeError);
    expect(() => parseRangeArgs(argv)).toThrow(message);
  });
});

describe('readRangeCommits', () => {
  let sandbox: GitSandbox;
  let repo: string;
  let base: string;
  const shas: string[] = [];

  beforeAll(() => {
    sandbox = createGitSandbox('commit-range');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    base = sandbox.commit(repo, 'chore: base');
    shas.push(sandbox.commit(repo, 'feat: first\n\nA body\nwith two lines.\n\nRefs: #1'));
    shas.push(sandbox.commit(repo, 'fix: second'));
  });

  afterAll(() => sandbox.cleanup());

  it('returns the range oldest first with full messages', () => {
    expect(readRangeCommits({ from: base, to: 'HEAD' }, repo)).toEqual([
      { sha: shas[0], message: 'feat: first\n\nA body\nwith two lines.\n\nRefs: #1' },
      { sha: shas[1], message: 'fix: second' },
    ]);
  });

  it('returns nothing for an empty range', () => {
    expect(readRangeCommits({ from: 'HEAD', to: 'HEAD' }, repo)).toEqual([]);
  });

  it('names the missing end of the range and how to fetch it', () => {
    expect(() => readRangeCommits({ from: 'deadbeef', to: 'HEAD' }, repo)).toThrow(
      /the base of the range "deadbeef" is not a commit in this repository; in CI fetch the history first/,
    );
    expect(() => readRangeCommits({ from: base, to: 'no-such-branch' }, repo)).toThrow(
      /the head of the range "no-such-branch"/,
    );
  });

  it('does not let a ref pose as an option', () => {
    expect(() => readRangeCommits({ from: '--all', to: 'HEAD' }, repo)).toThrow(/the base of the range "--all"/);
  });

  it('logs newest first when asked for plain git order', () => {
    expect(logCommits(['HEAD'], repo).map((c) => c.sha)).toEqual([shas[1], shas[0], base]);
  });
});
