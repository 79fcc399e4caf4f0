import { describeHook, rollbackTrigger } from '../phases/deployment-reasons';
import type { WatchOutcome } from '../phases/watch';
import { type PlatformDeployment, targetShare } from '../platform-deployment';
import type { RevisionRef } from '../provider';
import { revisionSummary } from '../report/report';
import type { Fields } from './report-fields';
import type { SuggestedCommands } from './suggested-commands';

export interface EndingScope {
  readonly commands: SuggestedCommands;
  readonly version: string;
  /** The label of the revision being deployed. */
  readonly label: string;
  readonly stable: RevisionRef;
  readonly now: number;
}

/**
 * How the watch ends when the platform's deployment object decided it: succeeded, rolled back by
 * ECS, failed without a rollback ECS could make, paused at a hook, or at the stage asked for.
 * Anything else (Slipway's own fail-fast, a timeout, a STOPPED deployment) goes on to the rollback.
 */
export function deploymentEnding(outcome: WatchOutcome, scope: EndingScope): Fields | undefined {
  const { commands } = scope;
  const to = `${scope.stable.label}${scope.stable.version ? ` (${scope.stable.version})` : ''}`;
  switch (outcome.kind) {
    case 'deployment-succeeded':
      return { outcome: 'DEPLOYED', message: succeeded(outcome.deployment, scope) };
    case 'deployment-rolled-back':
      return {
        outcome: 'ROLLED_BACK',
        rollback: {
          by: 'platform',
          status: 'COMPLETED',
          revision: revisionSummary(scope.stable),
          rolloutId: outcome.deployment.id,
          trigger: rollbackTrigger(outcome.deployment),
        },
        nextSteps: [commands.status],
        message: `failed: ECS rolled ${outcome.deployment.id} back: ${outcome.reason}; rolled back by the platform (${rollbackTrigger(outcome.deployment)}): ${to} is primary and stable`,
      };
    case 'deployment-failed':
      if (outcome.deployment.status !== 'ROLLBACK_FAILED') return undefined;
      return {
        outcome: 'FAILED',
        rollback: { by: 'platform', status: 'FAILED', revision: revisionSummary(scope.stable), reason: outcome.reason },
        nextSteps: [commands.status, commands.rollback],
        message: `failed and not rolled back: ECS could not roll ${outcome.deployment.id} back: ${outcome.reason}; check the service before acting`,
      };
    case 'paused':
      return {
        outcome: 'PAUSED',
        nextSteps: [commands.continue, commands.rollback, commands.status],
        message: `${describeHook(outcome.deployment, outcome.hook.id, outcome.hook.expiresAt, scope.now)}. Nothing failed: continue with ${commands.continue}, or roll back with ${commands.rollback}`,
      };
    case 'stage-reached':
      return {
        outcome: 'STAGE_REACHED',
        nextSteps: [commands.status, commands.rollback],
        message: stageReached(outcome.deployment, outcome.stage, scope),
      };
    default:
      return undefined;
  }
}

function succeeded(deployment: PlatformDeployment, scope: EndingScope): string {
  const target = targetShare(deployment);
  const live = `${scope.version} is live on ${scope.label}: ECS deployment SUCCESSFUL`;
  if (deployment.earlySuccessPercent === undefined || !target || target.running >= target.requested)
    return target ? `${live}, running ${target.running}/${target.requested}` : live;
  return `${live} by its early success criteria (${deployment.earlySuccessPercent}% healthy: ${target.running} of ${target.requested} tasks running when it completed); ECS keeps scaling to ${target.requested} in the background`;
}

function stageReached(deployment: PlatformDeployment, stage: string, scope: EndingScope): string {
  const bake = deployment.bakeMinutes;
  const window = bake
    ? `ECS bakes for ${bake} min: the rollback window stays open until the bake ends (about ${new Date(scope.now + bake * 60_000).toISOString()})`
    : 'the rollback window stays open until ECS finishes the deployment';
  const traffic = targetShare(deployment)?.productionWeight;
  return `${scope.version} reached ${deployment.stage ?? stage} on ${scope.label}${traffic !== undefined ? ` with ${traffic}% of production traffic` : ''}; ${window}; ${scope.commands.rollback} rolls it back instantly until then`;
}
