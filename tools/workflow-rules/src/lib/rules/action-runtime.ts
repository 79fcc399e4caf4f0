import { type Finding, finding, stepPlace } from '../finding';
import type { Workflow } from '../model/workflow';
import { ACTION_RUNTIMES, type ActionRuntime } from './action-runtimes';
import { pinProblem } from './pinned-actions';

export const ACTION_RUNTIME = 'action-runtime';

/** GitHub forced node20 actions onto Node 24 in June 2026 and removed Node 20 from its runners in September 2026. */
const OLDEST_NODE = 24;

/**
 * Every pinned action runs on Node 24 or later, or brings no Node runtime (composite, docker). The
 * runtime comes from ACTION_RUNTIMES, so a pin missing from it is a finding too. Unpinned refs are
 * pinned-actions' findings; local actions and container images have no action.yml to look up.
 */
export function actionRuntime(
  workflow: Workflow,
  known: Readonly<Record<string, ActionRuntime>> = ACTION_RUNTIMES,
): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      const { uses, usesComment } = step;
      if (uses === undefined || uses.startsWith('./') || uses.startsWith('docker://')) return [];
      if (pinProblem(uses, usesComment) !== undefined) return [];
      const problem = runtimeProblem(uses, usesComment ?? '', known[uses]);
      return problem ? [finding(ACTION_RUNTIME, workflow, stepPlace(job, step), problem)] : [];
    }),
  );
}

function runtimeProblem(uses: string, comment: string, runtime: ActionRuntime | undefined): string | undefined {
  if (runtime === undefined) {
    return `"${uses}" is not in tools/workflow-rules/src/lib/rules/action-runtimes.ts: add the runs.using of its action.yml, with the source`;
  }
  if (!comment.startsWith(runtime.version)) {
    return `"${uses}" is ${runtime.version} (action-runtimes.ts), not what its comment says: "# ${comment}"`;
  }
  const node = /^node(\d+)$/.exec(runtime.using);
  if (node && Number(node[1]) < OLDEST_NODE) {
    return `"${uses}" (${runtime.version}) runs on ${runtime.using}, which GitHub's runners no longer have: pin a release that runs on node${OLDEST_NODE}`;
  }
  return undefined;
}
