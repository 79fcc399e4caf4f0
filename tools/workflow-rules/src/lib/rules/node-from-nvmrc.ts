import { type Finding, finding, stepPlace } from '../finding';
import { type Job, type Workflow, actionName } from '../model/workflow';
import { commandsOf, words } from './shell-lines';

export const NODE_FROM_NVMRC = 'node-from-nvmrc';

const NODE_TOOLS = new Set(['node', 'npm', 'npx']);

/**
 * One Node version for laptops and CI: every setup-node reads `.nvmrc`, and no job runs
 * node/npm/npx on whatever Node the runner image happens to ship.
 */
export function nodeFromNvmrc(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) => [...misconfiguredSetupNode(workflow, job), ...nodeWithoutSetup(workflow, job)]);
}

function misconfiguredSetupNode(workflow: Workflow, job: Job): Finding[] {
  return job.steps
    .filter((step) => actionName(step.uses) === 'actions/setup-node')
    .filter((step) => step.with['node-version-file'] !== '.nvmrc' || step.with['node-version'] !== undefined)
    .map((step) =>
      finding(
        NODE_FROM_NVMRC,
        workflow,
        stepPlace(job, step),
        'actions/setup-node must take "node-version-file: .nvmrc" and no "node-version"',
      ),
    );
}

function nodeWithoutSetup(workflow: Workflow, job: Job): Finding[] {
  const setup = job.steps.findIndex((step) => actionName(step.uses) === 'actions/setup-node');
  const firstNodeStep = job.steps.find((step) =>
    commandsOf(step).some((command) => NODE_TOOLS.has(words(command)[0] ?? '')),
  );
  if (firstNodeStep === undefined || (setup !== -1 && setup < firstNodeStep.index)) return [];
  return [
    finding(
      NODE_FROM_NVMRC,
      workflow,
      stepPlace(job, firstNodeStep),
      'runs node/npm/npx before actions/setup-node: set Node up from .nvmrc first',
    ),
  ];
}
