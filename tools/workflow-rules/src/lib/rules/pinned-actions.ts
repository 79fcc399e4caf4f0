import { type Finding, type Place, finding, jobPlace, stepPlace } from '../finding';
import type { Workflow } from '../model/workflow';

export const PINNED_ACTIONS = 'pinned-actions';

const FULL_SHA_REF = /^[^@\s]+@[0-9a-f]{40}$/;
const DIGEST_IMAGE = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+\b/;

/**
 * Every `uses:` names an immutable commit (tags can be force-pushed, as the 2026 trivy-action
 * compromise showed) and says which release that commit is, so updates stay reviewable.
 * Local actions and workflows (`./…`) are part of this repository and exempt.
 */
export function pinnedActions(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  const check = (uses: string | undefined, comment: string | undefined, place: Place) => {
    const problem = uses === undefined ? undefined : pinProblem(uses, comment);
    if (problem) findings.push(finding(PINNED_ACTIONS, workflow, place, problem));
  };
  for (const job of workflow.jobs) {
    check(job.uses, job.usesComment, jobPlace(job));
    for (const step of job.steps) check(step.uses, step.usesComment, stepPlace(job, step));
  }
  return findings;
}

/** Why `uses` is not a reviewable pin, or undefined when it is one. */
export function pinProblem(uses: string, comment: string | undefined): string | undefined {
  if (uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://')) {
    return DIGEST_IMAGE.test(uses) ? undefined : `"${uses}" is not pinned: use docker://<image>@sha256:<digest>`;
  }
  if (!FULL_SHA_REF.test(uses)) {
    return `"${uses}" is not pinned to a full commit SHA: use <owner>/<action>@<40-hex commit> # vX.Y.Z`;
  }
  if (comment === undefined || !VERSION_COMMENT.test(comment)) {
    return `"${uses}" has no version comment: add "# vX.Y.Z" naming the release of that commit`;
  }
  return undefined;
}
