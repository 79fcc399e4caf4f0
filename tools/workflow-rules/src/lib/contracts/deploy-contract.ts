import { deployJobName } from '@slipway/repo-rules';
import type { Finding } from '../finding';
import type { Job, Step, Workflow } from '../model/workflow';
import { ContractReport } from './contract';
import {
  concurrencyGroup,
  expectServicesOutput,
  firstStepIndex,
  grants,
  jobsRunning,
  matrixOver,
  neverCancels,
  restoresCache,
  runs,
  usesAction,
} from './queries';

export const DEPLOY_CONTRACT = 'contract:deploy';

const PLAN = /\bnpm run services:deploy -- --service "\$SERVICE"/;
const DEPLOY_COMMAND = /\bnx run "\$SERVICE":deploy -- --version "\$VERSION" --environment "\$ENVIRONMENT"/;
const RECORD = /\bnpm run deploy:record\b/;
const SUMMARY = /\bnpm run deploy:summary\b/;
/** A value that is exactly `${{ <text> }}`. */
const expression = (text: string) => new RegExp(`^\\$\\{\\{\\s*${text.replace(/[.[\]()]/g, '\\$&')}\\s*\\}\\}$`);
const FROM_INPUT = (input: string) => expression(`inputs.${input}`);
const FROM_MATRIX = expression('matrix.service');

interface DispatchInput {
  type?: string;
  required?: boolean;
  options?: unknown[];
}

/**
 * deploy.yml, manual: a choice of service (or all), a required version and a choice of environment;
 * each input validated before any repository code runs, and passed only through env; the services
 * listed from the project graph; a matrix deploy job per service in the GitHub environment, one
 * deploy per service and environment, never cancelled; OIDC; the deploy target with `-- --version`.
 * Each deploy job records its result; a last job, whatever happened, writes one summary of every
 * service from the run's jobs and those results. Builds nothing.
 */
export function deployContract(workflow: Workflow): Finding[] {
  const report = new ContractReport(DEPLOY_CONTRACT, workflow);
  const triggers = Object.keys(workflow.on);
  report.expectWorkflow(
    triggers.length === 1 && triggers[0] === 'workflow_dispatch',
    'on',
    'runs only by hand ("on: workflow_dispatch")',
  );
  const inputs = ((workflow.on['workflow_dispatch'] as { inputs?: Record<string, DispatchInput> } | null)?.inputs ??
    {}) as Record<string, DispatchInput>;
  report.expectWorkflow(
    inputs['service']?.type === 'choice' && inputs['service']?.required === true,
    'on',
    'input "service" is a required choice',
  );
  report.expectWorkflow(
    inputs['version']?.required === true && inputs['version']?.type === 'string',
    'on',
    'input "version" is a required string',
  );
  report.expectWorkflow(
    inputs['environment']?.type === 'choice' && (inputs['environment']?.options?.length ?? 0) > 0,
    'on',
    'input "environment" is a choice with options',
  );

  const plan = report.requireJob(
    jobsRunning(workflow, PLAN),
    'lists the services to deploy with: npm run services:deploy -- --service "$SERVICE"',
  );
  if (plan) checkPlan(report, plan);
  const deploy = report.requireJob(
    jobsRunning(workflow, /\bnx run "\$SERVICE":deploy\b/),
    'runs "nx run "$SERVICE":deploy"',
  );
  if (!deploy) return report.findings;
  if (plan) checkMatrix(report, deploy, plan);
  report.expectJob(
    FROM_INPUT('environment').test(String(deploy.environment ?? '')),
    deploy,
    'the job uses the GitHub environment named by the input ("environment: ${{ inputs.environment }}")',
  );
  const concurrency = deploy.concurrency ?? workflow.concurrency;
  const group = concurrencyGroup(concurrency) ?? '';
  report.expectJob(
    /inputs\.environment/.test(group) && /matrix\.service/.test(group),
    deploy,
    'one deploy per service and environment: a concurrency group keyed on matrix.service and inputs.environment',
  );
  report.expectJob(
    neverCancels(concurrency),
    deploy,
    'a running deploy is never cancelled ("cancel-in-progress: false")',
  );

  expectValidatedFirst(report, deploy, 'VERSION', 'version');
  const step = deploy.steps.find(runs(DEPLOY_COMMAND));
  report.expectJob(
    step !== undefined,
    deploy,
    'deploys with: nx run "$SERVICE":deploy -- --version "$VERSION" --environment "$ENVIRONMENT"',
  );
  if (step) {
    report.expectJob(
      FROM_MATRIX.test(String(step.env['SERVICE'] ?? '')),
      deploy,
      'the deploy step reads SERVICE from matrix.service through env',
    );
    report.expectJob(
      FROM_INPUT('version').test(String(step.env['VERSION'] ?? '')),
      deploy,
      'the deploy step reads VERSION from inputs.version through env',
    );
    report.expectJob(
      FROM_INPUT('environment').test(String(step.env['ENVIRONMENT'] ?? '')),
      deploy,
      'the deploy step reads ENVIRONMENT from inputs.environment through env',
    );
  }
  if (step) checkRecord(report, deploy, step);
  if (plan) checkSummary(report, workflow, deploy, plan);
  const credentials = firstStepIndex(deploy, usesAction('aws-actions/configure-aws-credentials'));
  report.expectJob(
    credentials !== -1 && step !== undefined && credentials < step.index,
    deploy,
    'AWS credentials come from configure-aws-credentials (OIDC) before the deploy',
  );
  for (const job of workflow.jobs) {
    report.expectJob(
      !restoresCache(job),
      job,
      'a deploy workflow restores no cache: setup-node needs "package-manager-cache: false"',
    );
  }
  report.expectJob(
    jobsRunning(workflow, /\bdocker:build\b|\bpublish-image\b|\bdocker (?:build|push)\b/).length === 0,
    deploy,
    'deploy.yml builds nothing: it deploys an image build.yml already pushed',
  );
  return report.findings;
}

/** The service input is validated in the shell before the repository's code lists the services. */
function checkPlan(report: ContractReport, plan: Job): void {
  expectValidatedFirst(report, plan, 'SERVICE', 'service');
  const step = plan.steps.find(runs(PLAN));
  report.expectJob(
    FROM_INPUT('service').test(String(step?.env['SERVICE'] ?? '')),
    plan,
    'the services step reads SERVICE from inputs.service through env',
  );
  expectServicesOutput(report, plan, step);
}

/** The job's first step reads the input into `variable` through env and tests it with `[[ "$VAR" =~ … ]]`. */
function expectValidatedFirst(report: ContractReport, job: Job, variable: string, input: string): void {
  const first = job.steps[0];
  report.expectJob(
    first !== undefined &&
      FROM_INPUT(input).test(String(first.env[variable] ?? '')) &&
      new RegExp(`\\[\\[ .*"\\$${variable}" =~ `).test(first.run ?? ''),
    job,
    `the first step validates ${variable} (from env) with a regular expression, before any repository code runs`,
  );
}

function checkMatrix(report: ContractReport, deploy: Job, plan: Job): void {
  report.expectJob(deploy.needs.includes(plan.id), deploy, `the deploy job "needs: ${plan.id}"`);
  report.expectJob(
    matrixOver(deploy, `needs.${plan.id}.outputs.services`),
    deploy,
    `the deploy job is a matrix "service: \${{ fromJSON(needs.${plan.id}.outputs.services) }}" with "fail-fast: false"`,
  );
}

/**
 * The summary finds each service's job by its name, and its result in the annotation the record step
 * writes after the deploy (also when the deploy failed) from the deploy step's outputs.
 */
function checkRecord(report: ContractReport, deploy: Job, step: Step): void {
  const named = deployJobName('${{ matrix.service }}');
  report.expectJob(
    deploy.name === named,
    deploy,
    `the deploy job is named "${named}": the summary finds each service's job by that name`,
  );
  report.expectJob(step.id !== undefined, deploy, 'the deploy step needs an "id": the record step reads its outputs');
  const record = deploy.steps.find(runs(RECORD));
  report.expectJob(
    record !== undefined && record.index > step.index,
    deploy,
    'after the deploy step, a step records the result for the summary: npm run deploy:record',
  );
  if (!record || step.id === undefined) return;
  report.expectJob(
    /\balways\(\)/.test(record.if ?? ''),
    deploy,
    'the record step runs also when the deploy failed ("if: always() && …")',
  );
  const sources: Readonly<Record<string, string>> = {
    SERVICE: 'matrix.service',
    VERSION: 'inputs.version',
    ENVIRONMENT: 'inputs.environment',
    OUTCOME: `steps.${step.id}.outputs.outcome`,
    EXIT_CODE: `steps.${step.id}.outputs.exit-code`,
    DEPLOY_STEP: `steps.${step.id}.outcome`,
  };
  for (const [name, source] of Object.entries(sources))
    report.expectJob(
      expression(source).test(String(record.env[name] ?? '')),
      deploy,
      `the record step reads ${name} from ${source} through env`,
    );
}

/** After every deploy job, whatever happened: one table of every service, read through the API. */
function checkSummary(report: ContractReport, workflow: Workflow, deploy: Job, plan: Job): void {
  const summary = report.requireJob(
    jobsRunning(workflow, SUMMARY),
    'writes one summary of every service with: npm run deploy:summary',
  );
  if (!summary) return;
  report.expectJob(
    summary.needs.includes(deploy.id) && summary.needs.includes(plan.id),
    summary,
    `the summary job "needs: [${plan.id}, ${deploy.id}]": it runs last and reads the services list`,
  );
  report.expectJob(
    /^\s*(\$\{\{\s*)?always\(\)(\s*\}\})?\s*$/.test(summary.if ?? ''),
    summary,
    'the summary job runs whatever the deploys did ("if: always()")',
  );
  report.expectJob(
    grants(summary, 'actions', 'read') && grants(summary, 'checks', 'read'),
    summary,
    'the summary job reads the run\'s jobs and their annotations: grant "actions: read" and "checks: read"',
  );
  const step = summary.steps.find(runs(SUMMARY));
  report.expectJob(
    step?.env['GITHUB_TOKEN'] !== undefined,
    summary,
    'the summary step gets GITHUB_TOKEN through "env:"',
  );
  report.expectJob(
    expression(`needs.${plan.id}.outputs.services`).test(String(step?.env['SERVICES'] ?? '')),
    summary,
    `the summary step reads SERVICES from needs.${plan.id}.outputs.services through env`,
  );
}
