import type { DeployRequest } from '../config/options';
import type { WatchSubject } from '../phases/verdict';
import type { WatchResult } from '../phases/watch';
import type { DeployProvider, RolloutHandle, TargetState } from '../provider';
import { afterFailure } from './after-failure';
import type { RunContext } from './context';
import { deploymentEnding } from './deployment-ending';
import type { Fields } from './report-fields';
import { recoverySteps, type SuggestedCommands } from './suggested-commands';

export interface ReleaseEndingScope {
  readonly provider: DeployProvider;
  readonly target: TargetState;
  readonly request: DeployRequest;
  readonly context: RunContext;
  readonly handle: RolloutHandle;
  readonly subject: WatchSubject;
  readonly commands: SuggestedCommands;
  /** What the report knows once the rollout started: image, revisions, rollout id. */
  readonly applied: Partial<Fields>;
}

/**
 * What a release's watch came to: the platform deployment's own ending when it decided; else
 * completed, superseded (not rolled back: the other deployment owns the target), interrupted or
 * lost; anything else failed, and the roll back phase runs.
 */
export async function releaseEnding(watched: WatchResult, scope: ReleaseEndingScope): Promise<Fields> {
  const { request, handle, commands, applied } = scope;
  const nextSteps = recoverySteps(commands, scope.target.stable, scope.provider);
  const failedTasks = watched.stoppedTasks.filter((t) => t.category !== 'benign');
  const followed = watched.last?.deployment;
  const charted = {
    ...applied,
    ...(followed ? { deploymentId: followed.id, strategy: followed.strategy, timeline: watched.samples } : {}),
  };
  const ended = deploymentEnding(watched.outcome, {
    commands,
    version: request.version,
    label: handle.revision.label,
    stable: scope.target.stable,
    now: scope.context.clock.now(),
  });
  if (ended) return { ...charted, stoppedTasks: failedTasks, ...ended };

  switch (watched.outcome.kind) {
    case 'completed': {
      const { running, desired } = watched.outcome.rollout;
      return {
        ...applied,
        outcome: 'DEPLOYED',
        message: `${request.version} is live on ${handle.revision.label}: running ${running}/${desired}`,
      };
    }
    case 'superseded': {
      const by = watched.outcome.by;
      const other = by ? `${by.id} (${by.revisionLabel})` : 'another deployment';
      const said = watched.outcome.reason ? ` (ECS: "${watched.outcome.reason}")` : '';
      return {
        ...charted,
        outcome: 'SUPERSEDED',
        stoppedTasks: failedTasks,
        nextSteps,
        message:
          `rollout ${handle.rolloutId} was superseded by ${other}${said}; ` +
          'Slipway did not roll back because that deployment now owns the service',
      };
    }
    case 'interrupted':
      return {
        ...applied,
        outcome: 'INTERRUPTED',
        stoppedTasks: failedTasks,
        nextSteps,
        message: interruptedMessage(watched, handle),
      };
    case 'lost':
      return {
        ...applied,
        outcome: 'FAILED',
        stoppedTasks: failedTasks,
        nextSteps,
        message: `${watched.outcome.reason}; the rollout may still be running, check before acting`,
      };
    default:
      return afterFailure(watched, { ...scope, applied: charted, nextSteps, failedTasks });
  }
}

export function interruptedMessage(watched: WatchResult, handle: RolloutHandle): string {
  const mine = watched.last?.rollouts.find((r) => r.id === handle.rolloutId);
  const state = mine
    ? `${mine.state}, running ${mine.running}/${mine.desired}, failed ${mine.failed}`
    : 'state unknown';
  const goesOn = 'the deployment goes on without Slipway watching it';
  return `interrupted while watching ${handle.rolloutId} (${state}); ${goesOn}`;
}
