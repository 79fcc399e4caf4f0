import { type Finding, finding, stepPlace } from '../finding';
import type { Workflow } from '../model/workflow';
import { commandsOf, words } from '../rules/shell-lines';

export const NPM_SCRIPTS = 'npm-scripts';

/**
 * Workflows stay thin by calling npm scripts; a renamed or missing script would only fail
 * on GitHub, after the merge. Every `npm run <name>` must exist in package.json.
 */
export function checkNpmScripts(workflows: readonly Workflow[], scripts: Readonly<Record<string, string>>): Finding[] {
  return workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job) =>
      job.steps.flatMap((step) =>
        commandsOf(step)
          .map(scriptName)
          .filter((name): name is string => name !== undefined && scripts[name] === undefined)
          .map((name) =>
            finding(
              NPM_SCRIPTS,
              workflow,
              stepPlace(job, step),
              `"npm run ${name}": package.json has no script "${name}"`,
            ),
          ),
      ),
    ),
  );
}

function scriptName(command: string): string | undefined {
  const [tool, subcommand, name] = words(command);
  return tool === 'npm' && (subcommand === 'run' || subcommand === 'run-script') ? name : undefined;
}

/** The security scan states its threshold: production dependencies, an explicit audit level. */
export function checkAuditScript(scripts: Readonly<Record<string, string>>): Finding[] {
  const script = scripts['audit:prod'] ?? '';
  const ok =
    /\bnpm audit\b/.test(script) &&
    /--omit[= ]dev\b/.test(script) &&
    /--audit-level[= ](low|moderate|high|critical)\b/.test(script);
  return ok
    ? []
    : [
        {
          rule: NPM_SCRIPTS,
          file: 'package.json',
          line: 1,
          path: 'scripts.audit:prod',
          message: '"audit:prod" runs "npm audit --omit=dev --audit-level=<level>"',
        },
      ];
}
