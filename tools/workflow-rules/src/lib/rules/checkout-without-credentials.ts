import { type Finding, finding, stepPlace } from '../finding';
import { type Workflow, stepsUsing } from '../model/workflow';

export const CHECKOUT_WITHOUT_CREDENTIALS = 'checkout-without-credentials';

/**
 * actions/checkout leaves the job token on disk for later git commands unless told not to;
 * any later step (or an uploaded artifact) can then read it. Nothing here needs it:
 * semantic-release authenticates with GITHUB_TOKEN from its env.
 */
export function checkoutWithoutCredentials(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    stepsUsing(job, 'actions/checkout')
      .filter((step) => step.with['persist-credentials'] !== false && step.with['persist-credentials'] !== 'false')
      .map((step) =>
        finding(
          CHECKOUT_WITHOUT_CREDENTIALS,
          workflow,
          stepPlace(job, step),
          'actions/checkout without "persist-credentials: false": add it under "with:"',
        ),
      ),
  );
}
