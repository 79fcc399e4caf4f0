import type { Finding } from '../finding';
import { type Job, type Workflow, actionName } from '../model/workflow';
import { ContractReport } from './contract';
import {
  checksOutFullHistory,
  firstStepIndex,
  grants,
  jobsRunning,
  jobsUsing,
  runs,
  triggerBranches,
  usesAction,
} from './queries';

export const CI_CONTRACT = 'contract:ci';

const CODEQL_LANGUAGES = ['javascript-typescript', 'actions'];

/**
 * ci.yml, before merge: pull requests into main and pushes to main, feature/** and bugfix/**;
 * branch name and commit checks on pull requests; affected lint/test/build with nx-set-shas;
 * npm audit, CodeQL, dependency review, a secret scan; a lint of the workflows themselves.
 */
export function ciContract(workflow: Workflow): Finding[] {
  const report = new ContractReport(CI_CONTRACT, workflow);
  checkTriggers(report, workflow);

  const branchName = report.requireJob(
    jobsRunning(workflow, /\bnpm run check:branch\b/),
    'runs "npm run check:branch" (branch-name check)',
  );
  if (branchName)
    report.expectJob(
      onlyOnPullRequests(branchName),
      branchName,
      'the branch-name check runs only on pull requests ("if: github.event_name == \'pull_request\'")',
    );

  const commitlint = report.requireJob(
    jobsRunning(workflow, /\bnpm run commitlint:range -- --from "\$\w+" --to "\$\w+"/),
    'runs "npm run commitlint:range -- --from "$BASE" --to "$HEAD"" over the pull request',
  );
  if (commitlint) {
    report.expectJob(onlyOnPullRequests(commitlint), commitlint, 'commitlint runs only on pull requests');
    report.expectJob(
      checksOutFullHistory(commitlint),
      commitlint,
      'commitlint needs the full history: checkout with "fetch-depth: 0"',
    );
  }

  checkAffected(report, workflow);
  report.requireJob(
    jobsRunning(workflow, /\bnpm run audit:prod\b/),
    'runs "npm run audit:prod" (npm audit of production dependencies)',
  );
  checkCodeql(report, workflow);

  const review = report.requireJob(
    jobsUsing(workflow, 'actions/dependency-review-action'),
    'uses actions/dependency-review-action',
  );
  if (review) report.expectJob(onlyOnPullRequests(review), review, 'dependency review runs only on pull requests');

  const secrets = report.requireJob(
    jobsUsing(workflow, 'gitleaks/gitleaks-action'),
    'scans for secrets with gitleaks/gitleaks-action',
  );
  if (secrets)
    report.expectJob(
      checksOutFullHistory(secrets),
      secrets,
      'the secret scan reads history: checkout with "fetch-depth: 0"',
    );

  report.requireJob(
    jobsRunning(workflow, /\bnpm run lint:workflows\b/),
    'runs "npm run lint:workflows" (hardening rules, actionlint, shellcheck)',
  );
  return report.findings;
}

function checkTriggers(report: ContractReport, workflow: Workflow): void {
  const pullRequest = triggerBranches(workflow, 'pull_request');
  report.expectWorkflow(
    pullRequest?.length === 1 && pullRequest[0] === 'main',
    'on',
    'runs on pull requests into main ("pull_request: branches: [main]")',
  );
  const push = triggerBranches(workflow, 'push') ?? [];
  for (const branch of ['main', 'feature/**', 'bugfix/**']) {
    report.expectWorkflow(push.includes(branch), 'on', `runs on pushes to ${branch} ("push: branches")`);
  }
}

function checkAffected(report: ContractReport, workflow: Workflow): void {
  const affected = report.requireJob(
    jobsRunning(workflow, /\bnx affected -t (?=.*\blint\b)(?=.*\btest\b)(?=.*\bbuild\b)/),
    'runs "nx affected -t lint test build"',
  );
  if (!affected) return;
  const setShas = firstStepIndex(affected, usesAction('nrwl/nx-set-shas'));
  const nxAffected = firstStepIndex(affected, runs(/\bnx affected\b/));
  const containers = firstStepIndex(affected, runs(/tools\/ci\/container-env\.sh start\b/));
  report.expectJob(
    setShas !== -1 && setShas < nxAffected,
    affected,
    'nrwl/nx-set-shas sets NX_BASE/NX_HEAD before "nx affected"',
  );
  report.expectJob(
    checksOutFullHistory(affected),
    affected,
    'nx-set-shas needs the full history: checkout with "fetch-depth: 0"',
  );
  report.expectJob(
    grants(affected, 'actions', 'read'),
    affected,
    'nx-set-shas finds the last green main run through the API: grant "actions: read"',
  );
  report.expectJob(
    containers !== -1 && containers < nxAffected,
    affected,
    'integration tests need Docker and a registry: run "tools/ci/container-env.sh start" before "nx affected"',
  );
}

function checkCodeql(report: ContractReport, workflow: Workflow): void {
  const codeql = report.requireJob(
    jobsUsing(workflow, 'github/codeql-action/init'),
    'runs CodeQL (github/codeql-action/init)',
  );
  if (!codeql) return;
  report.expectJob(
    codeql.steps.some((step) => actionName(step.uses) === 'github/codeql-action/analyze'),
    codeql,
    'CodeQL needs github/codeql-action/analyze after init',
  );
  const languages = codeqlLanguages(codeql);
  for (const language of CODEQL_LANGUAGES) {
    report.expectJob(languages.includes(language), codeql, `CodeQL analyses ${language}`);
  }
}

/** Languages from `with.languages`, expanded through `matrix.<axis>` when it refers to one. */
function codeqlLanguages(job: Job): string[] {
  const init = job.steps.find(usesAction('github/codeql-action/init'));
  const declared = String(init?.with['languages'] ?? '');
  const axis = /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/.exec(declared)?.[1];
  if (axis === undefined) return declared.split(',').map((language) => language.trim());
  const matrix = (job.strategy as { matrix?: Record<string, unknown> } | undefined)?.matrix ?? {};
  const values = matrix[axis];
  return Array.isArray(values) ? values.map(String) : [];
}

function onlyOnPullRequests(job: Job): boolean {
  return /github\.event_name\s*==\s*'pull_request'/.test(job.if ?? '');
}
