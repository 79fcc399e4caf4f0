import type { DeployRequest } from '../config/options';
import type { Outcome } from '../outcome';
import { ProgressTracker } from '../phases/progress';
import { rollBack } from '../phases/rollback';
import type { WatchSubject } from '../phases/verdict';
import type { WatchResult } from '../phases/watch';
import type { DeployProvider, RolloutHandle, TargetState } from '../provider';
import type { RollbackSummary } from '../report/report';
import type { RunContext } from './context';
import type { Fields } from './report-fields';

export interface FailureScope {
  readonly provider: DeployProvider;
  readonly target: TargetState;
  readonly request: Pick<DeployRequest, 'rollback' | 'timeoutMs'>;
  readonly context: RunContext;
  /** What the report knows so far: the image, the revisions, the rollout and its chart. */
  readonly applied: Partial<Fields>;
  readonly nextSteps: string[];
  readonly failedTasks: WatchResult['stoppedTasks'];
  readonly handle: RolloutHandle;
  readonly subject: WatchSubject;
}

/** Failed, rolled back by the platform, or timed out: the roll back phase, and the outcome it leaves. */
export async function afterFailure(watched: WatchResult, scope: FailureScope): Promise<Fields> {
  const { outcome } = watched;
  const { context, request } = scope;
  const timedOut = outcome.kind === 'timeout';
  const cause =
    outcome.kind === 'failed' || outcome.kind === 'platform-rollback' || outcome.kind === 'deployment-failed'
      ? outcome.reason
      : `not completed within ${Math.round(request.timeoutMs / 1000)}s`;
  context.say(`deployment failed: ${cause}`);
  const rollback = await rollBack(
    {
      provider: scope.provider,
      stable: scope.target.stable,
      platformRolloutId: outcome.kind === 'platform-rollback' ? outcome.rollbackRolloutId : undefined,
      allowed: request.rollback,
      timeoutMs: request.timeoutMs,
      tracker: new ProgressTracker(watched.last?.events ?? []),
      watched: { handle: scope.handle, subject: scope.subject, failedSince: watched.failedSince },
      followsDeployment: watched.last?.deployment !== undefined,
    },
    context,
  );
  const timeline = scope.applied.timeline && [...scope.applied.timeline, ...(rollback.samples ?? [])];
  const stoppedTasks = [...scope.failedTasks, ...rollback.stoppedTasks.filter((t) => t.category !== 'benign')];
  const platformCause = rollback.summary.by === 'platform' && rollback.cause ? `; ECS: ${rollback.cause}` : '';
  return {
    ...scope.applied,
    ...(timeline ? { timeline } : {}),
    outcome: finalOutcome(timedOut, rollback.summary),
    rollback: rollback.summary,
    stoppedTasks,
    nextSteps: scope.nextSteps,
    message: `${timedOut ? 'timed out' : 'failed'}: ${cause}${platformCause}; ${describeRollback(rollback.summary)}`,
  };
}

function finalOutcome(timedOut: boolean, rollback: RollbackSummary): Outcome {
  switch (rollback.status) {
    case 'COMPLETED':
      return timedOut ? 'TIMED_OUT' : 'ROLLED_BACK';
    case 'DISABLED':
      return timedOut ? 'TIMED_OUT' : 'FAILED';
    case 'SUPERSEDED':
      return 'SUPERSEDED';
    case 'INTERRUPTED':
      return 'INTERRUPTED';
    default:
      return 'FAILED';
  }
}

function describeRollback(rollback: RollbackSummary): string {
  const to = rollback.revision
    ? `${rollback.revision.label}${rollback.revision.version ? ` (${rollback.revision.version})` : ''}`
    : 'the previous revision';
  const who = rollback.by === 'platform' ? `the platform (${rollback.trigger ?? 'circuit breaker'})` : 'Slipway';
  switch (rollback.status) {
    case 'COMPLETED':
      return `rolled back by ${who}: ${to} is primary and stable`;
    case 'DISABLED':
      return `not rolled back (--no-rollback); ${to} is the last good revision`;
    case 'INTERRUPTED':
      return rollback.by === 'none'
        ? `interrupted while waiting for the platform to roll back to ${to}`
        : `interrupted while rolling back to ${to}`;
    default: {
      if (rollback.by === 'none') return `not rolled back: ${rollback.reason ?? rollback.status.toLowerCase()}`;
      const status = rollback.status.toLowerCase().replace('_', ' ');
      return `rollback to ${to} by ${who} ${status}${rollback.reason ? `: ${rollback.reason}` : ''}`;
    }
  }
}
