import type { Finding } from '../finding';
import type { Workflow } from '../model/workflow';
import { checkRunNames } from './check-runs';

export const RULESET = 'ruleset';

interface Rule {
  type?: string;
  parameters?: Record<string, unknown>;
}

interface Ruleset {
  target?: string;
  enforcement?: string;
  conditions?: { ref_name?: { include?: string[] } };
  rules?: Rule[];
}

/** Status-check contexts the ruleset requires. */
export function requiredCheckContexts(ruleset: Ruleset): string[] {
  const rule = ruleset.rules?.find((r) => r.type === 'required_status_checks');
  const checks = (rule?.parameters?.['required_status_checks'] ?? []) as { context?: string }[];
  return checks.map((check) => String(check.context));
}

/**
 * The branch ruleset for main (`POST /repos/{owner}/{repo}/rulesets`): active on the default
 * branch, a pull request with one approval, no force pushes, and required checks that are
 * exactly ci.yml's check runs, so renaming a job cannot silently drop a required check.
 */
export function checkRuleset(ruleset: Ruleset, file: string, ci: Workflow): Finding[] {
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => ok || problems.push(message);
  const rule = (type: string) => ruleset.rules?.find((r) => r.type === type);

  expect(
    ruleset.target === 'branch' && ruleset.enforcement === 'active',
    'the ruleset is an active branch ruleset ("target": "branch", "enforcement": "active")',
  );
  const include = ruleset.conditions?.ref_name?.include ?? [];
  expect(
    include.includes('~DEFAULT_BRANCH') || include.includes('refs/heads/main'),
    'the ruleset applies to main ("~DEFAULT_BRANCH" or "refs/heads/main")',
  );
  expect(
    Number(rule('pull_request')?.parameters?.['required_approving_review_count']) >= 1,
    'merging needs a pull request with at least one approving review',
  );
  expect(rule('non_fast_forward') !== undefined, 'force pushes are blocked ("non_fast_forward" rule)');

  const required = requiredCheckContexts(ruleset);
  const jobs = checkRunNames(ci);
  for (const context of required.filter((c) => !jobs.includes(c))) {
    expect(false, `required check "${context}" is not a job of ${ci.file} (its check runs: ${jobs.join(', ')})`);
  }
  for (const job of jobs.filter((j) => !required.includes(j))) {
    expect(false, `${ci.file} check "${job}" is not required by the ruleset: add it to required_status_checks`);
  }
  return problems.map((message) => ({ rule: RULESET, file, line: 1, path: '(ruleset)', message }));
}
