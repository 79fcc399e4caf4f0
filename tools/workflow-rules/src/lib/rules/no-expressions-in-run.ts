import { type Finding, finding, stepPlace } from '../finding';
import type { Workflow } from '../model/workflow';

export const NO_EXPRESSIONS_IN_RUN = 'no-expressions-in-run';

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

/**
 * `${{ … }}` is pasted into the script before the shell parses it, so a branch name or an
 * input can inject commands. Values reach scripts through `env:` and are read as "$VAR".
 */
export function noExpressionsInRun(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) =>
      [...(step.run ?? '').matchAll(EXPRESSION)].map((match) =>
        finding(
          NO_EXPRESSIONS_IN_RUN,
          workflow,
          stepPlace(job, step),
          `"run:" contains \${{ ${match[1]} }}: pass it through "env:" (e.g. VALUE: \${{ ${match[1]} }}) and use "$VALUE"`,
        ),
      ),
    ),
  );
}
