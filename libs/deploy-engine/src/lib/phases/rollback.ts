import { describeError } from '../errors';
import type { DeployProvider, RevisionRef, RolloutHandle, StoppedTask } from '../provider';
import { revisionSummary, type RollbackSummary } from '../report/report';
import { retryThrottled } from '../timing/retry';
import { rollBackInFlight } from './deployment-rollback';
import { type RecheckResult, recheckBeforeRollback, type WatchedRollout } from './platform-reaction';
import type { ProgressTracker } from './progress';
import type { RollbackResult } from './rollback-result';
import { type WatchContext, type WatchOutcome, watchRollout } from './watch';

export interface RollbackInput {
  readonly provider: DeployProvider;
  /** Revision to get back to: the last completed one before the failed rollout. */
  readonly stable: RevisionRef;
  /** The platform already started a rollback with this rollout id (ECS circuit breaker). */
  readonly platformRolloutId?: string;
  /** Slipway may roll back itself (`--no-rollback` turns this off). */
  readonly allowed: boolean;
  readonly timeoutMs: number;
  readonly tracker: ProgressTracker;
  /** The rollout that failed; re-read before Slipway rolls back itself when the platform may be rolling back. */
  readonly watched?: WatchedRollout;
  /** The platform's deployment object was followed: roll back through it while it is under way. */
  readonly followsDeployment?: boolean;
}

/**
 * The roll back phase: get the previous revision primary and stable again. Follow the platform's
 * rollback when it started one; otherwise (or when that does not complete) update the target back
 * to the previous revision and watch that too. Never deletes or deregisters anything.
 */
export async function rollBack(
  input: RollbackInput,
  context: WatchContext & { say: (line: string) => void },
): Promise<RollbackResult> {
  const stopped: StoppedTask[] = [];
  if (input.followsDeployment && input.watched) {
    const inFlight = await rollBackInFlight(
      { ...input, handle: input.watched.handle, subject: input.watched.subject },
      context,
    );
    if (inFlight) return inFlight;
  }
  let platformRolloutId = input.platformRolloutId;
  if (!platformRolloutId && input.watched?.subject.platformRollback && !input.followsDeployment) {
    const reaction = await recheckBeforeRollback(input.provider, input.watched, input.tracker, context);
    if (reaction.kind === 'rolling-back') {
      platformRolloutId = reaction.rolloutId;
      context.say(
        `the platform is already rolling back to ${input.stable.label} (${platformRolloutId}); ` +
          'following it instead of starting a second rollback',
      );
    } else if (reaction.kind !== 'none') {
      return { summary: notRolledBack(reaction, input), stoppedTasks: stopped };
    }
  }
  if (platformRolloutId) {
    if (platformRolloutId === input.platformRolloutId) {
      context.say(
        `the platform is rolling back to ${input.stable.label} (${platformRolloutId}); following it to the end`,
      );
    }
    const followed = await watchBack(input, { rolloutId: platformRolloutId, revision: input.stable }, context);
    stopped.push(...followed.stoppedTasks);
    const summary = summarize('platform', followed.outcome, input, platformRolloutId);
    if (
      summary.status === 'COMPLETED' ||
      summary.status === 'SUPERSEDED' ||
      summary.status === 'INTERRUPTED' ||
      !input.allowed
    ) {
      return { summary, stoppedTasks: stopped };
    }
    context.say(
      `the platform's rollback did not complete (${summary.reason ?? summary.status}); rolling back with Slipway`,
    );
  } else if (!input.allowed) {
    return {
      summary: { by: 'none', status: 'DISABLED', revision: revisionSummary(input.stable), reason: '--no-rollback' },
      stoppedTasks: stopped,
    };
  }

  let handle: RolloutHandle;
  try {
    handle = await retryThrottled('roll back', () => input.provider.restore(input.stable), context);
  } catch (error) {
    return {
      summary: {
        by: 'slipway',
        status: 'FAILED',
        revision: revisionSummary(input.stable),
        reason: `could not start the rollback: ${describeError(error)}`,
      },
      stoppedTasks: stopped,
    };
  }
  const stableVersion = input.stable.version ? ` (${input.stable.version})` : '';
  context.say(`rolling back to ${input.stable.label}${stableVersion}: ${handle.rolloutId}`);
  const watched = await watchBack(input, handle, context);
  stopped.push(...watched.stoppedTasks);
  return { summary: summarize('slipway', watched.outcome, input, handle.rolloutId), stoppedTasks: stopped };
}

/** The re-read showed a reason not to roll back: someone else's rollout, an interrupt, or no way to read the target. */
function notRolledBack(
  reaction: Exclude<RecheckResult, { kind: 'rolling-back' | 'none' }>,
  input: RollbackInput,
): RollbackSummary {
  const base = { by: 'none' as const, revision: revisionSummary(input.stable) };
  switch (reaction.kind) {
    case 'superseded': {
      const by = reaction.by ? `${reaction.by.id} (${reaction.by.revisionLabel})` : 'another deployment';
      return { ...base, status: 'SUPERSEDED', reason: `${by} became primary before Slipway rolled back` };
    }
    case 'interrupted':
      return { ...base, status: 'INTERRUPTED' };
    case 'lost':
      return {
        ...base,
        status: 'LOST',
        reason:
          `could not read the target again before rolling back (${reaction.reason}); ` +
          'not rolled back blindly, the platform may be rolling back itself',
      };
  }
}

function watchBack(input: RollbackInput, handle: RolloutHandle, context: WatchContext) {
  const subject = {
    rolloutId: handle.rolloutId,
    revisionId: input.stable.id,
    stableRevisionId: input.stable.id,
    platformRollback: false,
    wait: input.watched?.subject.wait && { ...input.watched.subject.wait, target: { kind: 'deployed' as const } },
  };
  return watchRollout(input.provider, handle, subject, input.tracker, context.clock.now() + input.timeoutMs, context);
}

function summarize(
  by: 'platform' | 'slipway',
  outcome: WatchOutcome,
  input: RollbackInput,
  rolloutId: string,
): RollbackSummary {
  const base = { by, revision: revisionSummary(input.stable), rolloutId };
  switch (outcome.kind) {
    case 'deployment-succeeded':
    case 'stage-reached':
      return { ...base, status: 'COMPLETED' };
    case 'deployment-rolled-back':
    case 'deployment-failed':
      return { ...base, status: 'FAILED', reason: outcome.reason };
    case 'paused':
      return {
        ...base,
        status: 'FAILED',
        reason: `the rollback waits at PAUSE hook ${outcome.hook.id}: answer it with deploy-continue`,
      };
    case 'completed':
      return outcome.rollout.revisionId === input.stable.id
        ? { ...base, status: 'COMPLETED' }
        : {
            ...base,
            status: 'FAILED',
            reason: `completed on ${outcome.rollout.revisionLabel}, not ${input.stable.label}`,
          };
    case 'failed':
      return { ...base, status: 'FAILED', reason: outcome.reason };
    case 'platform-rollback':
      return { ...base, status: 'FAILED', reason: outcome.reason };
    case 'superseded':
      return { ...base, status: 'SUPERSEDED', reason: `superseded by ${outcome.by?.id ?? 'another deployment'}` };
    case 'timeout':
      return { ...base, status: 'TIMED_OUT', reason: 'the rollback did not complete in time' };
    case 'interrupted':
      return { ...base, status: 'INTERRUPTED' };
    case 'lost':
      return { ...base, status: 'LOST', reason: outcome.reason };
  }
}
