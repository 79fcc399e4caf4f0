import type { Finding } from '../finding';
import type { Job, Workflow } from '../model/workflow';
import { ContractReport } from './contract';
import {
  concurrencyGroup,
  expectServicesOutput,
  firstStepIndex,
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
const FROM_INPUT = (input: string) => new RegExp(`^\\$\\{\\{\\s*inputs\\.${input}\\s*\\}\\}$`);
const FROM_MATRIX = /^\$\{\{\s*matrix\.service\s*\}\}$/;

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
 * Builds nothing.
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
