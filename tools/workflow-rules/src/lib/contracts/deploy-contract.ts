import type { Finding } from '../finding';
import type { Workflow } from '../model/workflow';
import { ContractReport } from './contract';
import { concurrencyGroup, firstStepIndex, jobsRunning, neverCancels, runs, usesAction } from './queries';

export const DEPLOY_CONTRACT = 'contract:deploy';

const DEPLOY_COMMAND = /\bnx run api:deploy -- --version "\$VERSION" --environment "\$ENVIRONMENT"/;
const FROM_INPUT = (input: string) => new RegExp(`^\\$\\{\\{\\s*inputs\\.${input}\\s*\\}\\}$`);

interface DispatchInput {
  type?: string;
  required?: boolean;
  options?: unknown[];
}

/**
 * deploy.yml, manual: a required version and a choice of environment; the version validated
 * before anything else runs; inputs only through env; a GitHub environment; one deploy per
 * environment, never cancelled; OIDC; the deploy target with `-- --version`. Builds nothing.
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
    inputs['version']?.required === true && inputs['version']?.type === 'string',
    'on',
    'input "version" is a required string',
  );
  report.expectWorkflow(
    inputs['environment']?.type === 'choice' && (inputs['environment']?.options?.length ?? 0) > 0,
    'on',
    'input "environment" is a choice with options',
  );

  const deploy = report.requireJob(jobsRunning(workflow, /\bnx run api:deploy\b/), 'runs "nx run api:deploy"');
  if (!deploy) return report.findings;
  report.expectJob(
    FROM_INPUT('environment').test(String(deploy.environment ?? '')),
    deploy,
    'the job uses the GitHub environment named by the input ("environment: ${{ inputs.environment }}")',
  );
  const concurrency = deploy.concurrency ?? workflow.concurrency;
  report.expectJob(
    /inputs\.environment/.test(concurrencyGroup(concurrency) ?? ''),
    deploy,
    'one deploy per environment: a concurrency group keyed on inputs.environment',
  );
  report.expectJob(
    neverCancels(concurrency),
    deploy,
    'a running deploy is never cancelled ("cancel-in-progress: false")',
  );

  const validate = deploy.steps[0];
  report.expectJob(
    validate !== undefined &&
      FROM_INPUT('version').test(String(validate.env['VERSION'] ?? '')) &&
      /\[\[ .*"\$VERSION" =~ /.test(validate.run ?? ''),
    deploy,
    'the first step validates VERSION (from env) with a regular expression, before any repository code runs',
  );
  const step = deploy.steps.find(runs(DEPLOY_COMMAND));
  report.expectJob(
    step !== undefined,
    deploy,
    'deploys with: nx run api:deploy -- --version "$VERSION" --environment "$ENVIRONMENT"',
  );
  if (step) {
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
  const cached = deploy.steps
    .filter(usesAction('actions/setup-node'))
    .some((s) => String(s.with['package-manager-cache']) !== 'false');
  report.expectJob(
    !cached,
    deploy,
    'a job holding cloud credentials restores no cache: setup-node needs "package-manager-cache: false"',
  );
  report.expectJob(
    jobsRunning(workflow, /\bdocker:build\b|\bpublish-image\b|\bdocker (?:build|push)\b/).length === 0,
    deploy,
    'deploy.yml builds nothing: it deploys an image build.yml already pushed',
  );
  return report.findings;
}
