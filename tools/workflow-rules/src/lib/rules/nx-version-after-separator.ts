import { type Finding, finding, stepPlace } from '../finding';
import type { Workflow } from '../model/workflow';
import { commandsOf, words } from './shell-lines';

export const NX_VERSION_AFTER_SEPARATOR = 'nx-version-after-separator';

/**
 * Nx's CLI takes `--version` for itself: `nx run api:deploy --version v1.2.0` prints Nx's
 * version and exits 0, so the step goes green without deploying anything. Only after a
 * bare `--` does the flag reach the executor.
 */
export function nxVersionAfterSeparator(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) =>
      commandsOf(step)
        .filter(swallowsVersion)
        .map((command) =>
          finding(
            NX_VERSION_AFTER_SEPARATOR,
            workflow,
            stepPlace(job, step),
            `"${command}" passes --version to Nx itself (it prints Nx's version and exits 0): put it after " -- ", e.g. nx run api:deploy -- --version "$VERSION"`,
          ),
        ),
    ),
  );
}

function swallowsVersion(command: string): boolean {
  const argv = words(command);
  const nx = argv.indexOf('nx');
  if (nx === -1) return false;
  const separator = argv.indexOf('--', nx + 1);
  const versionFlag = argv.findIndex(
    (word, index) => index > nx && (word === '--version' || word.startsWith('--version=')),
  );
  return versionFlag !== -1 && (separator === -1 || versionFlag < separator);
}
