import { type Finding, finding, workflowPlace } from '../finding';
import type { Workflow } from '../model/workflow';

export const NO_DANGEROUS_TRIGGERS = 'no-dangerous-triggers';

const DANGEROUS: Readonly<Record<string, string>> = {
  pull_request_target: 'runs with a write token and secrets on code from forks: use "pull_request"',
  workflow_run: 'runs privileged on the output of another, possibly untrusted, run: use "needs:" in one workflow',
};

export function noDangerousTriggers(workflow: Workflow): Finding[] {
  return Object.keys(workflow.on)
    .filter((event) => event in DANGEROUS)
    .map((event) =>
      finding(NO_DANGEROUS_TRIGGERS, workflow, workflowPlace(workflow, 'on'), `trigger "${event}" ${DANGEROUS[event]}`),
    );
}
