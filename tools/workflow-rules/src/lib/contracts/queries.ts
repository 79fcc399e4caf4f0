import { type Job, type Step, type Workflow, actionName } from '../model/workflow';
import type { ContractReport } from './contract';

/** Small read-only questions the contracts ask of a parsed workflow. */

export function jobsRunning(workflow: Workflow, pattern: RegExp): Job[] {
  return workflow.jobs.filter((job) => job.steps.some((step) => pattern.test(step.run ?? '')));
}

export function stepsRunning(job: Job, pattern: RegExp): Step[] {
  return job.steps.filter((step) => pattern.test(step.run ?? ''));
}

export function jobsUsing(workflow: Workflow, action: string): Job[] {
  return workflow.jobs.filter((job) => job.steps.some((step) => actionName(step.uses) === action));
}

export function firstStepIndex(job: Job, predicate: (step: Step) => boolean): number {
  return job.steps.findIndex(predicate);
}

export function usesAction(action: string): (step: Step) => boolean {
  return (step) => actionName(step.uses) === action;
}

export function runs(pattern: RegExp): (step: Step) => boolean {
  return (step) => pattern.test(step.run ?? '');
}

/** `branches:` of a trigger, or undefined when the trigger is absent or unfiltered. */
export function triggerBranches(workflow: Workflow, event: string): string[] | undefined {
  const trigger = workflow.on[event];
  if (typeof trigger !== 'object' || trigger === null) return undefined;
  const branches = (trigger as Record<string, unknown>)['branches'];
  return Array.isArray(branches) ? branches.map(String) : undefined;
}

export function checksOutFullHistory(job: Job): boolean {
  return job.steps.some(
    (step) => actionName(step.uses) === 'actions/checkout' && Number(step.with['fetch-depth']) === 0,
  );
}

export function grants(job: Job, scope: string, level: 'read' | 'write'): boolean {
  const { permissions } = job;
  if (permissions === 'write-all') return true;
  if (permissions === 'read-all') return level === 'read';
  return (
    permissions !== undefined && (permissions[scope] === level || (level === 'read' && permissions[scope] === 'write'))
  );
}

/** True when a job or workflow `concurrency` block never cancels a run in progress. */
export function neverCancels(concurrency: unknown): boolean {
  if (typeof concurrency !== 'object' || concurrency === null) return false;
  const cancel = (concurrency as Record<string, unknown>)['cancel-in-progress'];
  return cancel === false || cancel === 'false';
}

export function concurrencyGroup(concurrency: unknown): string | undefined {
  if (typeof concurrency === 'string') return concurrency;
  if (typeof concurrency !== 'object' || concurrency === null) return undefined;
  const group = (concurrency as Record<string, unknown>)['group'];
  return typeof group === 'string' ? group : undefined;
}

/**
 * A matrix job with one axis `service: ${{ fromJSON(<list>) }}` and `fail-fast: false`: each service
 * runs, fails and reports on its own.
 */
export function matrixOver(job: Job, list: string): boolean {
  const strategy = (job.strategy ?? {}) as { 'fail-fast'?: unknown; matrix?: Record<string, unknown> };
  const axis = String(strategy.matrix?.['service'] ?? '');
  const fromList = new RegExp(`^\\$\\{\\{\\s*fromJSON\\(\\s*${list.replace(/\./g, '\\.')}\\s*\\)\\s*\\}\\}$`);
  return fromList.test(axis) && String(strategy['fail-fast']) === 'false';
}

/** Whether a job's setup-node may restore a package cache: anything but "package-manager-cache: false". */
export function restoresCache(job: Job): boolean {
  return job.steps
    .filter(usesAction('actions/setup-node'))
    .some((step) => String(step.with['package-manager-cache']) !== 'false');
}

/** Checks that the services job hands its step's list on: "services: ${{ steps.<id>.outputs.services }}". */
export function expectServicesOutput(report: ContractReport, job: Job, step: Step | undefined): void {
  const expected = `\${{ steps.${step?.id}.outputs.services }}`;
  report.expectJob(job.outputs['services'] === expected, job, `the services job exposes "services: ${expected}"`);
}
