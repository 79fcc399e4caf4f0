import { type Finding, finding, stepPlace } from '../finding';
import type { Job, Workflow } from '../model/workflow';
import { commandsOf, words } from './shell-lines';

export const NPM_CI = 'npm-ci';

const LOCKFILE_BYPASS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['install', 'i', 'in', 'add', 'update', 'up', 'upgrade']),
  pnpm: new Set(['install', 'i', 'add', 'update', 'up']),
  yarn: new Set(['', 'install', 'add', 'upgrade']),
};

/**
 * Dependencies come from the lockfile, byte for byte: `npm ci`, never `npm install`. And a
 * job that calls `npx` installs first, or npx would fetch whatever version is newest today.
 */
export function npmCi(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) => [...lockfileBypasses(workflow, job), ...npxWithoutInstall(workflow, job)]);
}

function lockfileBypasses(workflow: Workflow, job: Job): Finding[] {
  return job.steps.flatMap((step) =>
    commandsOf(step)
      .filter((command) => {
        const [tool, subcommand = ''] = words(command);
        return LOCKFILE_BYPASS[tool]?.has(subcommand.startsWith('-') ? '' : subcommand) ?? false;
      })
      .map((command) =>
        finding(NPM_CI, workflow, stepPlace(job, step), `"${command}" ignores the lockfile: use "npm ci"`),
      ),
  );
}

function npxWithoutInstall(workflow: Workflow, job: Job): Finding[] {
  const firstInstall = job.steps.findIndex((step) => commandsOf(step).some(isNpmCi));
  return job.steps
    .filter((step) => commandsOf(step).some((command) => words(command)[0] === 'npx'))
    .filter((step) => firstInstall === -1 || step.index < firstInstall)
    .map((step) =>
      finding(
        NPM_CI,
        workflow,
        stepPlace(job, step),
        'runs npx before any "npm ci": npx would download unpinned packages; add an "npm ci" step first',
      ),
    );
}

function isNpmCi(command: string): boolean {
  const [tool, subcommand] = words(command);
  return tool === 'npm' && (subcommand === 'ci' || subcommand === 'clean-install');
}
