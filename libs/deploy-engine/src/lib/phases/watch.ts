import { formatDuration, formatElapsed } from '../config/duration';
import { describeError, isThrottled } from '../errors';
import type { DeployProvider, Observation, RolloutFollower, RolloutHandle, StoppedTask } from '../provider';
import { nextPollDelay, throttleBackoffDelay } from '../timing/poll-policy';
import type { RetryContext } from '../timing/retry';
import { type RolloutSample, sampleOf } from './deployment-progress';
import type { ProgressTracker } from './progress';
import type { FailFastPolicy } from './fail-fast';
import type { Verdict, WatchSubject } from './verdict';
import { announcesRollback, judgeRollout } from './watch-verdict';

export interface WatchContext extends RetryContext {
  readonly log: (line: string) => void;
  /** Start of the whole command, for `[mm:ss]` stamps. */
  readonly startedAt: number;
  readonly failFast: FailFastPolicy;
}

export type WatchOutcome =
  | Exclude<Verdict, { kind: 'continue' }>
  | { readonly kind: 'timeout' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'lost'; readonly reason: string };

export interface WatchResult {
  readonly outcome: WatchOutcome;
  readonly last?: Observation;
  /** Every stopped task of the watched rollout that was seen, with its cause. */
  readonly stoppedTasks: readonly StoppedTask[];
  readonly polls: number;
  /** When the watched rollout was first seen FAILED, if it was. */
  readonly failedSince?: number;
  /** The platform deployment each time it changed: the rollout chart's points. */
  readonly samples: readonly RolloutSample[];
}

/**
 * The watch phase: poll the rollout (not "the service") at a steady, jittered interval until a
 * verdict, the deadline, or an interrupt; a provider that follows the rollout (`follow`) wakes it
 * up as soon as something changes. Throttling backs off; other read errors are retried a few times.
 */
export async function watchRollout(
  provider: DeployProvider,
  handle: RolloutHandle,
  subject: WatchSubject,
  tracker: ProgressTracker,
  deadline: number,
  context: WatchContext,
): Promise<WatchResult> {
  const follower = provider.follow?.(handle);
  try {
    return await lookUntilVerdict(provider, handle, subject, tracker, deadline, context, follower);
  } finally {
    follower?.close();
  }
}

async function lookUntilVerdict(
  provider: DeployProvider,
  handle: RolloutHandle,
  subject: WatchSubject,
  tracker: ProgressTracker,
  deadline: number,
  context: WatchContext,
  follower: RolloutFollower | undefined,
): Promise<WatchResult> {
  const { clock, policy, signal } = context;
  const say = (line: string) => context.log(`[${formatElapsed(clock.now() - context.startedAt)}] ${line}`);
  const stopped = new Map<string, StoppedTask>();
  let last: Observation | undefined;
  let failedSince: number | undefined;
  let rollbackAnnounced = false;
  let throttles = 0;
  let errors = 0;
  let polls = 0;
  let lastNote: string | undefined;
  let lastLineAt = clock.now();
  const samples: RolloutSample[] = [];
  const result = (outcome: WatchOutcome): WatchResult => ({
    outcome,
    last,
    stoppedTasks: [...stopped.values()],
    polls,
    failedSince,
    samples,
  });
  const pause = (ms: number) => {
    const wait = Math.max(0, Math.min(ms, deadline - clock.now()));
    return follower ? sleepUntilChange(context, wait, follower) : clock.sleep(wait, signal);
  };

  // The apply call's own answer is the first look: wait one interval before the next.
  let delay = nextPollDelay(policy, clock.random());
  for (;;) {
    await pause(delay);
    delay = nextPollDelay(policy, clock.random());
    if (signal?.aborted) return result({ kind: 'interrupted' });
    if (clock.now() >= deadline) return result({ kind: 'timeout' });
    polls++;
    let observation: Observation;
    try {
      observation = await provider.observe(handle);
      throttles = 0;
      errors = 0;
    } catch (error) {
      if (isThrottled(error)) {
        throttles++;
        delay = throttleBackoffDelay(policy, throttles, clock.random());
        say(`throttled by the platform; next look in ${formatDuration(delay)}`);
        continue;
      }
      errors++;
      if (errors >= policy.maxObserveErrors) {
        return result({
          kind: 'lost',
          reason: `cannot read the rollout (${errors} attempts): ${describeError(error)}`,
        });
      }
      say(`could not read the rollout (${describeError(error)}); retrying`);
      continue;
    }

    last = observation;
    for (const task of observation.stoppedTasks) stopped.set(task.id, task);
    const { lines, newEvents, deploymentChanged } = tracker.update(observation);
    if (deploymentChanged && observation.deployment)
      samples.push(sampleOf(observation.deployment, clock.now() - context.startedAt));
    for (const line of lines) say(line);
    if (lines.length > 0) lastLineAt = clock.now();
    if (newEvents.some((e) => announcesRollback(e.message))) rollbackAnnounced = true;
    const mine = observation.rollouts.find((r) => r.id === subject.rolloutId);
    if (mine?.state === 'FAILED' && failedSince === undefined) failedSince = clock.now();

    const verdict = judgeRollout({
      observation,
      subject,
      policy: context.failFast,
      failedSince,
      now: clock.now(),
      rollbackAnnounced,
    });
    if (verdict.kind !== 'continue') return result(verdict);
    if (verdict.note && verdict.note !== lastNote) {
      say(verdict.note);
      lastNote = verdict.note;
      lastLineAt = clock.now();
    }
    if (clock.now() - lastLineAt >= policy.heartbeatMs) {
      say(`still waiting for ${subject.rolloutId}; ${formatDuration(deadline - clock.now())} left before the timeout`);
      lastLineAt = clock.now();
    }
  }
}

/** Sleeps `ms`, or less: until the follower reports a change, or the run is interrupted. */
async function sleepUntilChange(context: WatchContext, ms: number, follower: RolloutFollower): Promise<void> {
  const woken = new AbortController();
  const change = follower.nextChange(woken.signal).then(() => woken.abort());
  await context.clock.sleep(ms, context.signal ? AbortSignal.any([context.signal, woken.signal]) : woken.signal);
  woken.abort();
  await change;
}
