import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { fakeIo } from '../test-support/fake-io';
import type { LoadedLinter } from '../lib/commitlint-linter';
import { lintCommitsCli } from './lint-commits';

/** The CLI's wiring with a stand-in linter; the real commitlint runs in lint-commits.e2e.spec.ts. */
describe('lint-commits CLI', () => {
  let sandbox: GitSandbox;
  let repo: string;
  let base: string;

  const headerHasType = async (): Promise<LoadedLinter> => ({
    lint: async (message) => {
      const valid = /^\w+: /.test(message);
      return { valid, errors: valid ? [] : [{ name: 'type-empty', message: 'type may not be empty' }], warnings: [] };
    },
    hints: { types: ['feat', 'fix'] },
  });

  beforeAll(() => {
    sandbox = createGitSandbox('lint-commits-cli');
    repo = sandbox.dir;
    sandbox.git(['init', '--quiet', '--initial-branch=main'], repo);
    base = sandbox.commit(repo, 'chore: start');
    sandbox.commit(repo, 'feat: good');
  });
  afterAll(() => sandbox.cleanup());

  it('prints the summary to stdout and exits 0 when every commit passes', async () => {
    const io = fakeIo(repo);
    expect(await lintCommitsCli(['--from', base], io, headerHasType)).toBe(0);
    expect(io.out[0]).toContain(`commitlint: 1 commit in ${base}..HEAD: 1 passed, 0 failed.`);
  });

  it('prints the summary to stderr and exits 1 when a commit fails', async () => {
    sandbox.commit(repo, 'bad');
    const io = fakeIo(repo);
    expect(await lintCommitsCli([`${base}..HEAD`], io, headerHasType)).toBe(1);
    expect(io.err[0]).toContain('1 passed, 1 failed.');
    expect(io.err[0]).toContain('Types: feat, fix.');
  });

  it('exits 2 on a bad range without loading commitlint', async () => {
    const io = fakeIo(repo);
    const load = jest.fn(headerHasType);
    expect(await lintCommitsCli(['--from'], io, load)).toBe(2);
    expect(io.err[0]).toContain('Usage: lint-commits');
    expect(load).not.toHaveBeenCalled();
  });

  it('prints usage for --help', async () => {
    const io = fakeIo(repo);
    expect(await lintCommitsCli(['--help'], io, headerHasType)).toBe(0);
    expect(io.out[0]).toContain('lint-commits <base>..<head>');
  });
});
