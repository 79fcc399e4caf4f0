/**
 * What one deploy job of deploy.yml reports to the run's summary job. Jobs of a matrix cannot hand
 * outputs on (the last job's would win) and a deploy workflow restores no cache, so each deploy job
 * writes its result as a `::notice` annotation, a plain workflow command, and the summary job reads
 * it back through the Checks API (`checks: read`): no action, no artifact, nothing shared to trust.
 */

/** The annotation title the summary looks for. */
export const RESULT_TITLE = 'slipway deploy result';

/** deploy.yml names each matrix job `deploy (<service>)`; the summary finds a service's job by it. */
export function deployJobName(service: string): string {
  return `deploy (${service})`;
}

export function serviceOfJob(jobName: string): string | undefined {
  return /^deploy \(([a-z][a-z0-9-]*)\)$/.exec(jobName)?.[1];
}

/** The `outcome` of the deploy step (success, failure, cancelled, skipped), as GitHub's steps context says. */
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';
const STEP_OUTCOMES: readonly string[] = ['success', 'failure', 'cancelled', 'skipped'];

export interface DeployResult {
  readonly service: string;
  readonly version: string;
  readonly environment: string;
  /** The deploy target's outcome (DEPLOYED, ROLLED_BACK, …); undefined when it wrote none. */
  readonly outcome?: string;
  /** The deploy target's own exit code (Nx collapses the step's to 1); undefined when it wrote none. */
  readonly exitCode?: number;
  readonly step: StepOutcome;
}

export class DeployResultError extends Error {
  override readonly name = 'DeployResultError';
}

const NAME = /^[a-z][a-z0-9-]*$/;
const VERSION = /^v\d+\.\d+\.\d+$/;
const OUTCOME = /^[A-Z][A-Z_]*$/;

/** Checks a result field by field; the same rules guard what is written and what is read back. */
export function checkResult(value: unknown): DeployResult {
  const result = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(typeof result['service'] === 'string' && NAME.test(result['service']), 'service is not a project name');
  expect(typeof result['version'] === 'string' && VERSION.test(result['version']), 'version is not vX.Y.Z');
  expect(
    typeof result['environment'] === 'string' && NAME.test(result['environment']),
    'environment is not an environment name',
  );
  expect(
    result['outcome'] === undefined || (typeof result['outcome'] === 'string' && OUTCOME.test(result['outcome'])),
    'outcome is not an outcome name such as DEPLOYED',
  );
  expect(
    result['exitCode'] === undefined ||
      (Number.isInteger(result['exitCode']) &&
        (result['exitCode'] as number) >= 0 &&
        (result['exitCode'] as number) < 256),
    'exit code is not 0-255',
  );
  expect(STEP_OUTCOMES.includes(result['step'] as string), `step is not one of ${STEP_OUTCOMES.join(', ')}`);
  if (problems.length > 0) throw new DeployResultError(problems.join('; '));
  return {
    service: result['service'] as string,
    version: result['version'] as string,
    environment: result['environment'] as string,
    step: result['step'] as StepOutcome,
    ...(result['outcome'] === undefined ? {} : { outcome: result['outcome'] as string }),
    ...(result['exitCode'] === undefined ? {} : { exitCode: result['exitCode'] as number }),
  };
}

/**
 * The workflow command that turns a result into an annotation of the current job. Data of a workflow
 * command escapes %, CR and LF; a property value also `:` and `,` (GitHub's toolkit, command.ts).
 */
export function resultCommand(result: DeployResult): string {
  const data = JSON.stringify(checkResult(result));
  return `::notice title=${escapeProperty(RESULT_TITLE)}::${escapeData(data)}`;
}

/** The result an annotation carries, or undefined when the annotation is not one. */
export function resultOfAnnotation(annotation: {
  title?: string | null;
  message?: string | null;
}): DeployResult | undefined {
  if (annotation.title !== RESULT_TITLE || !annotation.message) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation.message);
  } catch {
    throw new DeployResultError(`the "${RESULT_TITLE}" annotation is not JSON: ${annotation.message.slice(0, 80)}`);
  }
  return checkResult(parsed);
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
