import type { RolloutSnapshot, TargetEvent } from '../provider';
import { judgeDeployment } from './deployment-verdict';
import { failureReasons } from './fail-fast';
import type { Verdict, VerdictInput } from './verdict';

const ROLLBACK_EVENT = /rolling back|circuit breaker|rolled back/i;

export function announcesRollback(message: string): boolean {
  return ROLLBACK_EVENT.test(message);
}

/** The heart of the watch: one observation in, one decision out. Pure. */
export function judgeRollout(input: VerdictInput): Verdict {
  const { observation, subject, policy } = input;
  if (observation.status !== 'ACTIVE') {
    return { kind: 'failed', reason: `the target became ${observation.status} during the rollout`, tasks: [] };
  }
  if (observation.deployment) return judgeDeployment(input, observation.deployment);
  const mine = observation.rollouts.find((r) => r.id === subject.rolloutId);
  const primary = observation.rollouts.find((r) => r.primary);

  if (!mine || !mine.primary) return judgeDisplaced(input, mine, primary);

  if (mine.state === 'COMPLETED' && mine.running === mine.desired) return { kind: 'completed', rollout: mine };

  const reasons = failureReasons(mine, observation.stoppedTasks, policy);
  if (mine.state === 'FAILED') {
    const stated = mine.reason ? `rollout FAILED: ${mine.reason}` : 'rollout FAILED';
    const elapsed = input.failedSince === undefined ? 0 : input.now - input.failedSince;
    if (subject.platformRollback && elapsed < policy.platformRollbackGraceMs) {
      return { kind: 'continue', note: `${stated}; waiting for the platform to start its rollback` };
    }
    return { kind: 'failed', reason: [stated, ...reasons.messages].join('; '), tasks: reasons.tasks };
  }
  if (reasons.fatal) return { kind: 'failed', reason: reasons.messages.join('; '), tasks: reasons.tasks };
  return { kind: 'continue' };
}

function judgeDisplaced(
  input: VerdictInput,
  mine: RolloutSnapshot | undefined,
  primary: RolloutSnapshot | undefined,
): Verdict {
  const { subject } = input;
  const rollingBack =
    subject.platformRollback &&
    primary !== undefined &&
    primary.id !== subject.rolloutId &&
    primary.revisionId === subject.stableRevisionId &&
    (mine?.state === 'FAILED' || input.rollbackAnnounced);
  if (rollingBack) {
    return {
      kind: 'platform-rollback',
      reason: platformRollbackReason(mine, primary, input.observation.events),
      rollbackRolloutId: primary.id,
    };
  }
  return { kind: 'superseded', by: primary };
}

const FAILURE_EVENT = /deployment failed|rolling back|circuit breaker|alarm/i;

/**
 * What the platform said, quoted, never a label it did not give. In a real circuit-breaker
 * rollback the failed deployment stays IN_PROGRESS ("… in progress."): the evidence is the new
 * PRIMARY's reason ("ECS deployment circuit breaker: rolling back to deploymentId …") and the
 * events ("deployment failed: tasks failed to start.", naming yet another deployment id).
 */
export function platformRollbackReason(
  mine: RolloutSnapshot | undefined,
  primary: RolloutSnapshot,
  events: readonly TargetEvent[],
): string {
  if (mine?.state === 'FAILED' && mine.reason) return `rollout FAILED: ${mine.reason}`;
  const quotes: string[] = [];
  if (primary.reason && /roll/i.test(primary.reason)) quotes.push(`"${primary.reason}"`);
  const failure =
    events.find((e) => /deployment failed/i.test(e.message)) ?? events.find((e) => FAILURE_EVENT.test(e.message));
  if (failure) quotes.push(`event: "${failure.message}"`);
  return quotes.length > 0
    ? `the platform rolled the rollout back: ${quotes.join('; ')}`
    : 'the platform rolled the rollout back';
}
