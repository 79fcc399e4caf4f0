import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseWorkflow } from './parse-workflow';
import type { Workflow } from './workflow';

export interface WorkflowFile {
  /** Path relative to the workspace root, as findings print it. */
  readonly file: string;
  readonly source: string;
  readonly workflow: Workflow;
}

/** Every `*.yml`/`*.yaml` under `<root>/.github/workflows`, sorted by name. */
export function loadWorkflowFiles(root: string, dir = join(root, '.github', 'workflows')): WorkflowFile[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = relative(root, join(dir, name));
      const source = readFileSync(join(dir, name), 'utf8');
      return { file, source, workflow: parseWorkflow(source, file) };
    });
}
