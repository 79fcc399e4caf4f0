import { CommitLinter, formatRangeReport, lintRange } from './range-report';

/** A stand-in for commitlint with two of its rules, so the report can be checked line by line. */
const linter: CommitLinter = async (message) => {
  const header = message.split('\n')[0] ?? '';
  const errors = [];
  if (!/^\w+(\(.+\))?!?: /.test(header)) errors.push({ name: 'type-empty', message: 'type may not be empty' });
  if (header.endsWith('.')) errors.push({ name: 'subject-full-stop', message: 'subject may not end with full stop' });
  const warnings =
    message.includes('\n') && !message.includes('\n\n')
      ? [{ name: 'body-leading-blank', message: 'body must have leading blank line' }]
      : [];
  return { valid: errors.length === 0, errors, warnings };
};

const commit = (n: number, message: string) => ({ sha: `${n}`.repeat(40), message });

describe('lintRange + formatRangeReport', () => {
  it('summarises passes, warnings and failures with the broken rules and the fix', async () => {
    const report = await lintRange(
      'main..HEAD',
      [commit(1, 'feat: add x'), commit(2, 'Update stuff.'), commit(3, 'fix: y\nno blank line'), commit(4, 'wip')],
      linter,
    );
    expect(report.failed).toBe(2);
    const text = formatRangeReport(report, { types: ['feat', 'fix'] });
    expect(text.split('\n')).toEqual([
      'commitlint: 4 commits in main..HEAD: 2 passed, 2 failed.',
      '',
      '✔ 111111111111 "feat: add x"',
      '✖ 222222222222 "Update stuff."',
      '    ✖ type-empty: type may not be empty',
      '    ✖ subject-full-stop: subject may not end with full stop',
      '⚠ 333333333333 "fix: y"',
      '    ⚠ body-leading-blank: body must have leading blank line',
      '✖ 444444444444 "wip"',
      '    ✖ type-empty: type may not be empty',
      '',
      'Broken rules: type-empty (2 commits), subject-full-stop (1 commit).',
      expect.stringContaining('Expected a conventional commit header "<type>(<scope>)?: <subject>"'),
      'Types: feat, fix.',
      'Fix: reword the failing commits (git rebase -i <base>, "reword"), then git push --force-with-lease.',
    ]);
  });

  it('stops after the commit list when everything passes', async () => {
    const report = await lintRange('a..b', [commit(1, 'feat: add x')], linter);
    expect(formatRangeReport(report, { types: [] })).toBe(
      'commitlint: 1 commit in a..b: 1 passed, 0 failed.\n\n✔ 111111111111 "feat: add x"',
    );
  });

  it('says so when the range is empty', async () => {
    const report = await lintRange('a..a', [], linter);
    expect(formatRangeReport(report, { types: [] })).toBe('commitlint: no commits in a..a, nothing to lint.');
  });

  it('leaves out the type list when the config has none', async () => {
    const report = await lintRange('a..b', [commit(1, 'nope')], linter);
    expect(formatRangeReport(report, { types: [] })).not.toContain('Types:');
  });

  it('gives the body advice, not the header advice, when only the body is wrong', async () => {
    const longBody: CommitLinter = async () => ({
      valid: false,
      errors: [{ name: 'body-max-line-length', message: "body's lines must not be longer than 100 characters" }],
      warnings: [],
    });
    const text = formatRangeReport(await lintRange('a..b', [commit(1, 'feat: x\n\n' + 'y'.repeat(101))], longBody), {
      types: ['feat'],
    });
    expect(text).toContain('Broken rules: body-max-line-length (1 commit).');
    expect(text).toContain('Body and footers: wrap lines at 100 characters and put a blank line before each.');
    expect(text).not.toContain('Expected a conventional commit header');
    expect(text).not.toContain('Types:');
  });
});
