import { ALL_SERVICES } from '@slipway/repo-rules';
import { type Finding, type Place, finding, jobPlace, stepPlace, workflowPlace } from '../finding';
import type { Workflow } from '../model/workflow';

export const NO_SERVICE_NAMES = 'no-service-names';
export const SERVICE_CHOICES = 'service-choices';

/** deploy.yml's service input: `on.workflow_dispatch.inputs.service.options`. */
export function serviceChoices(workflow: Workflow): string[] | undefined {
  const dispatch = workflow.on['workflow_dispatch'] as { inputs?: Record<string, { options?: unknown }> } | null;
  const options = dispatch?.inputs?.['service']?.options;
  return Array.isArray(options) ? options.map(String) : undefined;
}

/**
 * The service choice of deploy.yml lists exactly the deployable services (the projects with a deploy
 * target), after "all". GitHub needs the list written out; `nx g @slipway/nx-plugin:service` adds to it.
 */
export function checkServiceChoices(deploy: Workflow, services: readonly string[]): Finding[] {
  const choices = serviceChoices(deploy);
  const expected = [ALL_SERVICES, ...[...services].sort()];
  if (choices && JSON.stringify(choices) === JSON.stringify(expected)) return [];
  return [
    finding(
      SERVICE_CHOICES,
      deploy,
      workflowPlace(deploy, 'on'),
      `input "service" offers ${JSON.stringify(choices ?? null)}; the deployable services (nx show projects --withTarget deploy) make it "options: [${expected.join(', ')}]"`,
    ),
  ];
}

/**
 * No workflow names a service: each one works for every service the project graph lists, so adding a
 * service needs no workflow edit. The only exception is the service choice list, which the check
 * above keeps equal to the graph. A name counts when it stands alone: `api:deploy`, `slipway/api`,
 * `image-ref: api`, not `rapid` or `api-gateway`.
 */
export function checkNoServiceNames(workflow: Workflow, services: readonly string[]): Finding[] {
  if (services.length === 0) return [];
  const named = new RegExp(`(?<![\\w-])(${services.map(escape).join('|')})(?![\\w-])`);
  const findings: Finding[] = [];
  const check = (place: Place, where: string, value: unknown) => {
    for (const text of strings(value)) {
      const match = named.exec(text);
      if (match)
        findings.push(
          finding(
            NO_SERVICE_NAMES,
            workflow,
            place,
            `${where} names the service "${match[1]}": take the service from the project graph (a matrix over "npm run services:build" or "services:deploy") instead`,
          ),
        );
    }
  };
  const { workflow_dispatch: dispatch, ...otherTriggers } = workflow.on;
  check(workflowPlace(workflow, 'on'), '"on:"', [otherTriggers, withoutServiceChoices(dispatch)]);
  for (const key of ['name', 'env', 'concurrency'] as const)
    check(workflowPlace(workflow, key), `"${key}:"`, workflow[key]);
  for (const job of workflow.jobs) {
    const { steps, line, ...fields } = job;
    check(jobPlace(job), `job "${job.id}"`, fields);
    for (const step of steps) {
      const { index, line: stepLine, runLine, ...stepFields } = step;
      check(stepPlace(job, step), `step ${step.index} of job "${job.id}"`, stepFields);
    }
  }
  return findings;
}

function withoutServiceChoices(dispatch: unknown): unknown {
  const inputs = (dispatch as { inputs?: Record<string, unknown> } | null)?.inputs;
  if (!inputs?.['service']) return dispatch;
  const { options, ...service } = inputs['service'] as Record<string, unknown>;
  return { ...(dispatch as object), inputs: { ...inputs, service } };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
