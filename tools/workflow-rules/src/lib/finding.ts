import type { Job, Step, Workflow } from './model/workflow';

/** One broken rule at one place: what is wrong and how to fix it. */
export interface Finding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  /** YAML path of the offending node, e.g. `jobs.image.steps[3]`. */
  readonly path: string;
  readonly message: string;
}

export type Rule = (workflow: Workflow) => Finding[];

export interface Place {
  readonly line: number;
  readonly path: string;
}

/** A top-level key of the workflow, e.g. `permissions` or `on`. */
export function workflowPlace(workflow: Workflow, key: string): Place {
  return { line: workflow.keyLines[key] ?? 1, path: key };
}

export function jobPlace(job: Job): Place {
  return { line: job.line, path: `jobs.${job.id}` };
}

export function stepPlace(job: Job, step: Step): Place {
  return { line: step.line, path: `jobs.${job.id}.steps[${step.index}]` };
}

export function finding(rule: string, workflow: Workflow, place: Place, message: string): Finding {
  return { rule, file: workflow.file, line: place.line, path: place.path, message };
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line} ${f.path} [${f.rule}] ${f.message}`;
}
