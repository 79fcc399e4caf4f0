import { describeError, ProviderError } from '../errors';
import { isRollingBack, isTerminal, type PlatformDeployment } from '../platform-deployment';
import type { DeployProvider, RevisionRef, RolloutHandle } from '../provider';
import { revisionSummary, type RollbackSummary } from '../report/report';
import { retryThrottled } from '../timing/retry';
import { decideDeployment } from './deployment-decision';
import { rollbackTrigger, whyItEnded } from './deployment-reasons';
import { FOLLOW_ONLY } from './fail-fast';
import type { ProgressTracker } from './progress';
import type { RollbackResult } from './rollback-result';
import type { WatchSubject } from './verdict';
import { type WatchContext, type WatchOutcome, watchRollout } from './watch';

/**
 * Rolling back while the platform's deployment object is still under way (ECS): a PAUSE hook
 * waiting is answered ROLLBACK (ContinueServiceDeployment), anything else in progress is stopped
 * with StopServiceDeployment(ROLLBACK), which works even when the service has no rollback
 * configured; then the same deployment is watched to ROLLBACK_SUCCESSFUL. A deployment the
 * platform already rolls back is only followed. Once it has ended, the platform can no longer
 * stop it: undefined tells the caller to redeploy the previous revision as before.
 */
export interface InFlightRollback {
  readonly provider: DeployProvider;
  readonly handle: RolloutHandle;
  readonly subject: WatchSubject;
  /** The revision the rollback returns to. */
  readonly stable: RevisionRef;
  /** Slipway may act (`--no-rollback` turns this off; a rollback the platform runs is still followed). */
  readonly allowed: boolean;
  readonly timeoutMs: number;
  readonly tracker: ProgressTracker;
}

type Context = WatchContext & { say: (line: string) => void };

export async function rollBackInFlight(input: InFlightRollback, context: Context): Promise<RollbackResult | undefined> {
  let deployment: PlatformDeployment | undefined;
  try {
    deployment = (
      await retryThrottled('read the deployment again', () => input.provider.observe(input.handle), context)
    ).deployment;
  } catch (error) {
    return summary(input, 'none', {
      status: 'LOST',
      reason: `could not read the deployment again before rolling back (${describeError(error)}); not rolled back blindly`,
    });
  }
  if (!deployment) return undefined;
  if (isRollingBack(deployment) || deployment.status === 'ROLLBACK_SUCCESSFUL') {
    context.say(
      `the platform is already rolling back to ${input.stable.label} (${deployment.id}: ${whyItEnded(deployment)}); following it instead of starting a second rollback`,
    );
    return follow(input, context, 'platform', deployment);
  }
  if (isTerminal(deployment)) return undefined;
  if (!input.allowed)
    return summary(input, 'none', { status: 'DISABLED', reason: '--no-rollback', rolloutId: deployment.id });
  const decided = await askPlatformToRollBack(input, deployment, context);
  if (decided !== 'asked') return decided;
  return follow(input, context, 'slipway', deployment);
}

async function askPlatformToRollBack(
  input: InFlightRollback,
  deployment: PlatformDeployment,
  context: Context,
): Promise<'asked' | RollbackResult | undefined> {
  try {
    return (await decideDeployment(input.provider, deployment, 'ROLLBACK', context)) ? 'asked' : undefined;
  } catch (error) {
    // ECS answers ConflictException once the deployment has completed: redeploy instead.
    if (error instanceof ProviderError && /Conflict/.test(error.message)) return undefined;
    return summary(input, 'slipway', {
      status: 'FAILED',
      reason: `could not start the rollback: ${describeError(error)}`,
      rolloutId: deployment.id,
    });
  }
}

async function follow(
  input: InFlightRollback,
  context: Context,
  by: 'platform' | 'slipway',
  deployment: PlatformDeployment,
): Promise<RollbackResult> {
  const subject: WatchSubject = {
    ...input.subject,
    wait: { target: { kind: 'deployed' }, onPause: 'wait', stages: input.subject.wait?.stages ?? [] },
  };
  const watched = await watchRollout(
    input.provider,
    input.handle,
    subject,
    input.tracker,
    context.clock.now() + input.timeoutMs,
    { ...context, failFast: FOLLOW_ONLY },
  );
  const ended = rollbackEnding(watched.outcome);
  return {
    ...summary(input, by, { rolloutId: deployment.id, ...ended.fields }),
    stoppedTasks: watched.stoppedTasks,
    samples: watched.samples,
    cause: ended.cause,
  };
}

/** How the followed rollback ended, as the rollback summary says it. */
function rollbackEnding(outcome: WatchOutcome): {
  fields: Pick<RollbackSummary, 'status' | 'reason' | 'trigger'>;
  cause?: string;
} {
  switch (outcome.kind) {
    case 'deployment-rolled-back':
      return { fields: { status: 'COMPLETED', trigger: rollbackTrigger(outcome.deployment) }, cause: outcome.reason };
    case 'deployment-failed':
    case 'lost':
      return { fields: { status: outcome.kind === 'lost' ? 'LOST' : 'FAILED', reason: outcome.reason } };
    case 'deployment-succeeded':
      return { fields: { status: 'FAILED', reason: 'ECS completed the deployment instead of rolling it back' } };
    case 'superseded':
      return { fields: { status: 'SUPERSEDED', reason: outcome.reason } };
    case 'timeout':
      return { fields: { status: 'TIMED_OUT', reason: 'the rollback did not complete in time' } };
    case 'interrupted':
      return { fields: { status: 'INTERRUPTED' } };
    default:
      return { fields: { status: 'FAILED', reason: `the rollback ended ${outcome.kind}` } };
  }
}

function summary(
  input: InFlightRollback,
  by: RollbackSummary['by'],
  fields: Omit<RollbackSummary, 'by' | 'revision'>,
): RollbackResult {
  return { summary: { by, revision: revisionSummary(input.stable), ...fields }, stoppedTasks: [] };
}
