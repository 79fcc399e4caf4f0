import { type Finding, type Place, finding, jobPlace, stepPlace, workflowPlace } from '../finding';
import { type Job, type Workflow, stepsUsing } from '../model/workflow';

export const AWS_OIDC_ONLY = 'aws-oidc-only';

const STORED_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'];
const STORED_KEY_ENV = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/;

/**
 * AWS is reached only by assuming a role with the job's OIDC token: short-lived, scoped by
 * the role's trust policy, nothing stored in GitHub that could leak.
 */
export function awsOidcOnly(workflow: Workflow): Finding[] {
  return [
    ...storedKeysInEnv(workflow, workflow.env, workflowPlace(workflow, 'env')),
    ...workflow.jobs.flatMap((job) => [
      ...storedKeysInEnv(workflow, job.env, jobPlace(job)),
      ...job.steps.flatMap((step) => storedKeysInEnv(workflow, step.env, stepPlace(job, step))),
      ...credentialSteps(workflow, job),
    ]),
  ];
}

function credentialSteps(workflow: Workflow, job: Job): Finding[] {
  return stepsUsing(job, 'aws-actions/configure-aws-credentials').flatMap((step) => {
    const place = stepPlace(job, step);
    const problems: string[] = [];
    const keyInputs = STORED_KEY_INPUTS.filter((input) => step.with[input] !== undefined);
    if (keyInputs.length > 0)
      problems.push(
        `configure-aws-credentials takes stored keys (${keyInputs.join(', ')}): use "role-to-assume" with OIDC`,
      );
    if (step.with['role-to-assume'] === undefined)
      problems.push('configure-aws-credentials has no "role-to-assume": assume a role through OIDC');
    if (!grantsIdToken(job))
      problems.push(`job "${job.id}" lacks "id-token: write", so the OIDC token it needs cannot be requested`);
    return problems.map((message) => finding(AWS_OIDC_ONLY, workflow, place, message));
  });
}

function grantsIdToken(job: Job): boolean {
  const { permissions } = job;
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions['id-token'] === 'write');
}

function storedKeysInEnv(workflow: Workflow, env: Readonly<Record<string, unknown>>, place: Place): Finding[] {
  return Object.keys(env)
    .filter((name) => STORED_KEY_ENV.test(name))
    .map((name) =>
      finding(
        AWS_OIDC_ONLY,
        workflow,
        place,
        `env sets ${name}: stored AWS keys are not allowed; assume a role through OIDC`,
      ),
    );
}
