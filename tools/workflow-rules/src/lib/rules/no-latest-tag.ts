import { type Finding, finding, stepPlace } from '../finding';
import type { Step, Workflow } from '../model/workflow';

export const NO_LATEST_TAG = 'no-latest-tag';

/** `:latest`, `@latest`, `--tag latest`, `value=latest`, metadata-action's `latest=true|auto`. */
const LATEST = /(?:[:@]|--tag[= ]|\bvalue=)latest(?![\w.-])|\blatest=(?:true|auto)\b/;

/**
 * A moving tag makes a deploy unrepeatable and a rollback ambiguous: images are tagged
 * `sha-<commit>` and `vX.Y.Z` only, and nothing is fetched "@latest".
 */
export function noLatestTag(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => texts(step).some((text) => LATEST.test(text)))
      .map((step) =>
        finding(
          NO_LATEST_TAG,
          workflow,
          stepPlace(job, step),
          'refers to a "latest" tag: use sha-<commit> or vX.Y.Z (or a pinned version)',
        ),
      ),
  );
}

function texts(step: Step): string[] {
  return [step.run ?? '', ...Object.values(step.with).map(String)];
}
