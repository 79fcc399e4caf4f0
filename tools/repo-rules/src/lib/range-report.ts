import type { RangeCommit } from './commit-range';

export interface RuleFinding {
  readonly name: string;
  readonly message: string;
}

export interface LintVerdict {
  readonly valid: boolean;
  readonly errors: readonly RuleFinding[];
  readonly warnings: readonly RuleFinding[];
}

/** commitlint, or anything that judges one commit message the same way. */
export type CommitLinter = (message: string) => Promise<LintVerdict>;

export interface CommitVerdict extends LintVerdict {
  readonly sha: string;
  readonly header: string;
}

export interface RangeReport {
  readonly label: string;
  readonly commits: readonly CommitVerdict[];
  readonly failed: number;
}

export async function lintRange(
  label: string,
  commits: readonly RangeCommit[],
  lint: CommitLinter,
): Promise<RangeReport> {
  const verdicts: CommitVerdict[] = [];
  for (const commit of commits) {
    const verdict = await lint(commit.message);
    verdicts.push({ sha: commit.sha, header: commit.message.split('\n', 1)[0] ?? '', ...verdict });
  }
  return { label, commits: verdicts, failed: verdicts.filter((v) => !v.valid).length };
}

export interface ReportHints {
  /** Allowed commit types, from the commitlint config's type-enum rule. */
  readonly types: readonly string[];
}

/** A summary a reviewer can act on: every commit, every broken rule, and how to fix the branch. */
export function formatRangeReport(report: RangeReport, hints: ReportHints): string {
  const total = report.commits.length;
  if (total === 0) {
    return `commitlint: no commits in ${report.label}, nothing to lint.`;
  }
  const lines = [
    `commitlint: ${plural(total, 'commit')} in ${report.label}: ${total - report.failed} passed, ${report.failed} failed.`,
    '',
  ];
  for (const commit of report.commits) {
    const mark = !commit.valid ? '✖' : commit.warnings.length > 0 ? '⚠' : '✔';
    lines.push(`${mark} ${commit.sha.slice(0, 12)} ${JSON.stringify(commit.header)}`);
    for (const finding of commit.errors) lines.push(`    ✖ ${finding.name}: ${finding.message}`);
    for (const finding of commit.warnings) lines.push(`    ⚠ ${finding.name}: ${finding.message}`);
  }
  if (report.failed === 0) {
    return lines.join('\n');
  }
  const broken = brokenRules(report);
  lines.push(
    '',
    `Broken rules: ${[...broken].map(([name, count]) => `${name} (${plural(count, 'commit')})`).join(', ')}.`,
  );
  if ([...broken.keys()].some((name) => HEADER_RULE.test(name))) {
    lines.push(
      'Expected a conventional commit header "<type>(<scope>)?: <subject>", e.g. "feat(api): add health check" ' +
        'or "fix: retry the ECS rollout" (lower-case subject, no trailing period, at most 100 characters).',
    );
    if (hints.types.length > 0) {
      lines.push(`Types: ${hints.types.join(', ')}.`);
    }
  }
  if ([...broken.keys()].some((name) => BODY_RULE.test(name))) {
    lines.push('Body and footers: wrap lines at 100 characters and put a blank line before each.');
  }
  lines.push('Fix: reword the failing commits (git rebase -i <base>, "reword"), then git push --force-with-lease.');
  return lines.join('\n');
}

const HEADER_RULE = /^(header|type|scope|subject)-/;
const BODY_RULE = /^(body|footer)-/;

function brokenRules(report: RangeReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const commit of report.commits) {
    for (const finding of commit.errors) counts.set(finding.name, (counts.get(finding.name) ?? 0) + 1);
  }
  return counts;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
