import type { DeployRequest } from '../config/options';
import type { DeployProvider, RevisionRef } from '../provider';
import type { EngineDeps } from './context';
import { targetFlags } from './prepare';

/** The commands a report suggests, aimed at the run's target: same environment, config and overrides. */
export interface SuggestedCommands {
  readonly status: string;
  readonly continue: string;
  readonly rollback: string;
}

export function suggestedCommands(
  request: Pick<DeployRequest, 'overrides' | 'configPath'>,
  environment: string,
  deps: Pick<EngineDeps, 'app' | 'defaultConfig'>,
): SuggestedCommands {
  const flags = targetFlags(environment, request.overrides, {
    used: request.configPath,
    default: deps.defaultConfig ?? request.configPath,
  });
  const nx = (target: string) => `npx nx run ${deps.app}:${target} -- ${flags}`;
  return { status: nx('deploy-status'), continue: nx('deploy-continue'), rollback: nx('rollback') };
}

/** After a failure: check the target, roll back by hand to the stable version, inspect it the platform's way. */
export function recoverySteps(commands: SuggestedCommands, stable: RevisionRef, provider: DeployProvider): string[] {
  const to = stable.version ?? '<previous version>';
  return [commands.status, `${commands.rollback} --to ${to}`, ...provider.inspectCommands()];
}
