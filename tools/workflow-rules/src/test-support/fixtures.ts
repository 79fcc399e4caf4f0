import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '../lib/model/parse-workflow';
import type { Workflow } from '../lib/model/workflow';

export const FIXTURES_DIR = join(__dirname, '..', '__fixtures__', 'workflows');

export function fixtureSource(name: string): string {
  return readFileSync(join(FIXTURES_DIR, `${name}.yml`), 'utf8');
}

export function fixture(name: string): Workflow {
  return parseWorkflow(fixtureSource(name), `${name}.yml`);
}

/** Parses an inline workflow written for one test case. */
export function inline(yaml: string): Workflow {
  return parseWorkflow(yaml, 'inline.yml');
}
