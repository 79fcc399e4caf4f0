import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { parseWorkflow } from '../lib/model/parse-workflow';
import type { Workflow } from '../lib/model/workflow';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

export function realSource(name: string): string {
  return readFileSync(join(WORKSPACE_ROOT, '.github', 'workflows', name), 'utf8');
}

export function realWorkflow(name: string): Workflow {
  return parseWorkflow(realSource(name), name);
}

/** Each real workflow's YAML document, parsed once per test file: an edit works on a copy of it. */
const documents = new Map<string, Document>();

/** The real workflow after one deliberate edit, to prove a check fires when the file drifts. */
export function mutated(name: string, edit: (doc: Document) => void): Workflow {
  let original = documents.get(name);
  if (!original) {
    original = parseDocument(realSource(name));
    documents.set(name, original);
  }
  const doc = original.clone();
  edit(doc);
  return parseWorkflow(String(doc), name);
}

type StepData = Record<string, unknown> & { with?: Record<string, unknown>; env?: Record<string, unknown> };

/** Index of the first step of `job` matching `predicate`; throws so a stale test cannot pass. */
export function stepIndex(doc: Document, job: string, predicate: (step: StepData) => boolean): number {
  const steps = (doc.getIn(['jobs', job, 'steps']) as { toJSON(): StepData[] }).toJSON();
  const index = steps.findIndex(predicate);
  if (index === -1) throw new Error(`no such step in jobs.${job}`);
  return index;
}

export const usesStep = (action: string) => (step: StepData) => String(step['uses'] ?? '').startsWith(`${action}@`);
export const runStep = (pattern: RegExp) => (step: StepData) => pattern.test(String(step['run'] ?? ''));

export function deleteStep(doc: Document, job: string, predicate: (step: StepData) => boolean): void {
  doc.deleteIn(['jobs', job, 'steps', stepIndex(doc, job, predicate)]);
}
