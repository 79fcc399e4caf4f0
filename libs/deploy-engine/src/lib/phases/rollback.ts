import { describeError } from '../errors';
import type { DeployProvider, RevisionRef, RolloutHandle, StoppedTask } from '../provider';
import type { RollbackSummary } from '../report/report';
import { retryThrottled } from '../runtime/retry';
import type { ProgressTracker } from './progress';
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
}

export interface RollbackResult {
  readonly summary: RollbackSummary;
  readonly stoppedTasks: readonly StoppedTask[];
}

/**
 * Phase 7: get the previous revision primary and stable again. Follow the platform's rollback
 * when it started one; otherwise (or when that does not complete) update the target back to the
 * previous revision and watch that too. Never deletes or deregisters anything.
 */
export async function rollBack(input: RollbackInput, context: WatchContext & { say: (line: string) => void }): Promise<RollbackResult> {
  const stopped: StoppedTask[] = [];
  if (input.platformRolloutId) {
    context.say(`the platform is rolling back to ${input.stable.label} (${input.platformRolloutId}); following it to the end`);
    const followed = await watchBack(input, { rolloutId: input.platformRolloutId, revision: input.stable }, context);
    stopped.push(...followed.stoppedTasks);
    const summary = summarize('platform', followed.outcome, input, input.platformRolloutId);
    if (summary.status === 'COMPLETED' || summary.status === 'SUPERSEDED' || summary.status === 'INTERRUPTED' || !input.allowed) {
      return { summary, stoppedTasks: stopped };
    }
    context.say(`the platform's rollback did not complete (${summary.reason ?? summary.status}); rolling back with Slipway`);
  } else if (!input.allowed) {
    return { summary: { by: 'none', status: 'DISABLED', revision: revisionSummary(input.stable), reason: '--no-rollback' }, stoppedTasks: stopped };
  }

  let handle: RolloutHandle;
  try {
    handle = await retryThrottled('roll back', () => input.provider.restore(input.stable), context);
  } catch (error) {
    return {
      summary: { by: 'slipway', status: 'FAILED', revision: revisionSummary(input.stable), reason: `could not start the rollback: ${describeError(error)}` },
      stoppedTasks: stopped,
    };
  }
  context.say(`rolling back to ${input.stable.label}${input.stable.version ? ` (${input.stable.version})` : ''}: ${handle.rolloutId}`);
  const watched = await watchBack(input, handle, context);
  stopped.push(...watched.stoppedTasks);
  return { summary: summarize('slipway', watched.outcome, input, handle.rolloutId), stoppedTasks: stopped };
}

function watchBack(input: RollbackInput, handle: RolloutHandle, context: WatchContext) {
  const subject = { rolloutId: handle.rolloutId, revisionId: input.stable.id, stableRevisionId: input.stable.id, platformRollback: false };
  return watchRollout(input.provider, handle, subject, input.tracker, context.clock.now() + input.timeoutMs, context);
}

function summarize(by: 'platform' | 'slipway', outcome: WatchOutcome, input: RollbackInput, rolloutId: string): RollbackSummary {
  const base = { by, revision: revisionSummary(input.stable), rolloutId };
  switch (outcome.kind) {
    case 'completed':
      return outcome.rollout.revisionId === input.stable.id
        ? { ...base, status: 'COMPLETED' }
        : { ...base, status: 'FAILED', reason: `completed on ${outcome.rollout.revisionLabel}, not ${input.stable.label}` };
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

export function revisionSummary(revision: RevisionRef) {
  return { id: revision.id, label: revision.label, image: revision.image, version: revision.version };
}
