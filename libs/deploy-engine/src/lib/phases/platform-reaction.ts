import { describeError } from '../errors';
import type { DeployProvider, Observation, RolloutHandle, RolloutSnapshot } from '../provider';
import { nextPollDelay } from '../timing/poll-policy';
import { retryThrottled } from '../timing/retry';
import type { ProgressTracker } from './progress';
import { type WatchContext, watchRollout } from './watch';
import { FOLLOW_ONLY } from './fail-fast';
import type { WatchSubject } from './verdict';

/**
 * What the platform is doing about a rollout Slipway judged failed, read again right before
 * Slipway would roll back itself. One poll reads the rollouts and then the stopped tasks; when
 * the platform (ECS circuit breaker) trips between those reads, the verdict rests on crashed
 * tasks of a rollout still shown in progress while the platform is already rolling back.
 */
export type PlatformReaction =
  /** The platform's own rollback is primary: follow it, do not start a second one. */
  | { readonly kind: 'rolling-back'; readonly rolloutId: string }
  /** The watched rollout is FAILED and the platform rolls back itself, but has not started yet. */
  | { readonly kind: 'about-to-roll-back' }
  /** Someone else's rollout is primary: it owns the target now. */
  | { readonly kind: 'superseded'; readonly by?: RolloutSnapshot }
  /** Nothing from the platform: Slipway rolls back. */
  | { readonly kind: 'none' };

/** Pure: the reaction visible in one fresh observation. */
export function judgePlatformReaction(observation: Observation, subject: WatchSubject): PlatformReaction {
  const mine = observation.rollouts.find((r) => r.id === subject.rolloutId);
  const primary = observation.rollouts.find((r) => r.primary);
  if (primary && primary.id !== subject.rolloutId) {
    const rollingBack = subject.platformRollback && primary.revisionId === subject.stableRevisionId;
    return rollingBack ? { kind: 'rolling-back', rolloutId: primary.id } : { kind: 'superseded', by: primary };
  }
  if (subject.platformRollback && mine?.state === 'FAILED') return { kind: 'about-to-roll-back' };
  return { kind: 'none' };
}

export type RecheckResult =
  | Exclude<PlatformReaction, { kind: 'about-to-roll-back' }>
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'lost'; readonly reason: string };

export interface WatchedRollout {
  readonly handle: RolloutHandle;
  readonly subject: WatchSubject;
  /** When the watch first saw the rollout FAILED: the platform's grace runs from there. */
  readonly failedSince?: number;
}

/**
 * Reads the target once more, then waits out what is left of the platform's rollback grace if
 * the rollout is FAILED and the platform has not started its rollback yet. Only for targets the
 * platform rolls back itself; throttling and short read errors are retried.
 */
export async function recheckBeforeRollback(
  provider: DeployProvider,
  watched: WatchedRollout,
  tracker: ProgressTracker,
  context: WatchContext & { say: (line: string) => void },
): Promise<RecheckResult> {
  const read = await readAgain(provider, watched.handle, context);
  if ('kind' in read) return read;
  for (const line of tracker.update(read).lines) context.say(line);
  const reaction = judgePlatformReaction(read, watched.subject);
  if (reaction.kind !== 'about-to-roll-back') return reaction;

  const graceEnds = (watched.failedSince ?? context.clock.now()) + context.failFast.platformRollbackGraceMs;
  if (context.clock.now() >= graceEnds) return { kind: 'none' };
  const waited = await watchRollout(provider, watched.handle, watched.subject, tracker, graceEnds, {
    ...context,
    failFast: FOLLOW_ONLY,
  });
  switch (waited.outcome.kind) {
    case 'platform-rollback':
      return { kind: 'rolling-back', rolloutId: waited.outcome.rollbackRolloutId };
    case 'superseded':
      return { kind: 'superseded', by: waited.outcome.by };
    case 'interrupted':
    case 'lost':
      return waited.outcome;
    default:
      return { kind: 'none' };
  }
}

async function readAgain(
  provider: DeployProvider,
  handle: RolloutHandle,
  context: WatchContext & { say: (line: string) => void },
): Promise<Observation | RecheckResult> {
  for (let attempt = 1; ; attempt++) {
    if (context.signal?.aborted) return { kind: 'interrupted' };
    try {
      return await retryThrottled('read the target again', () => provider.observe(handle), context);
    } catch (error) {
      if (attempt >= context.policy.maxObserveErrors)
        return { kind: 'lost', reason: `${attempt} attempts: ${describeError(error)}` };
      context.say(`could not read the target again (${describeError(error)}); retrying`);
      await context.clock.sleep(nextPollDelay(context.policy, context.clock.random()), context.signal);
    }
  }
}
