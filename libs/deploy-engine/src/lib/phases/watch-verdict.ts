import type { OnPause } from '../config/options';
import type { PendingHook, PlatformDeployment, WaitTarget } from '../platform-deployment';
import type { Observation, RolloutSnapshot, StopCategory, StoppedTask, TargetEvent } from '../provider';
import { judgeDeployment } from './deployment-verdict';

/** What is being watched: the rollout a call created, and where it should end. */
export interface WatchSubject {
  readonly rolloutId: string;
  readonly revisionId: string;
  /** Revision the platform would roll back to (the last completed one). */
  readonly stableRevisionId: string;
  /** Follow the platform's own rollback (ECS circuit breaker) rather than calling it a supersede. */
  readonly platformRollback: boolean;
  /** Where to stop watching the platform's deployment object, when there is one. Default: deployed, exit at a pause. */
  readonly wait?: WatchWait;
}

export interface WatchWait {
  readonly target: WaitTarget;
  readonly onPause: OnPause;
  /** The strategy's lifecycle stages in order, to compare positions. */
  readonly stages: readonly string[];
}

export interface FailFastPolicy {
  /** Stop categories that end the rollout at the first occurrence: they do not heal by retrying. */
  readonly fatalCategories: readonly StopCategory[];
  /** Failed tasks (platform count, or stopped tasks of other failing kinds) that end the rollout. */
  readonly maxFailedTasks: number;
  /** How long to wait for the platform to start its rollback after it marked the rollout FAILED. */
  readonly platformRollbackGraceMs: number;
}

export const DEFAULT_FAIL_FAST: FailFastPolicy = {
  fatalCategories: ['pull', 'init', 'essential-exit'],
  maxFailedTasks: 2,
  platformRollbackGraceMs: 30_000,
};

export type Verdict =
  | { readonly kind: 'continue'; readonly note?: string }
  | { readonly kind: 'completed'; readonly rollout: RolloutSnapshot }
  | { readonly kind: 'failed'; readonly reason: string; readonly tasks: readonly StoppedTask[] }
  | { readonly kind: 'platform-rollback'; readonly reason: string; readonly rollbackRolloutId: string }
  | { readonly kind: 'superseded'; readonly by?: RolloutSnapshot; readonly reason?: string }
  /** The platform's deployment object reached a terminal status, or a point the user asked to stop at. */
  | { readonly kind: 'deployment-succeeded'; readonly deployment: PlatformDeployment }
  | { readonly kind: 'deployment-rolled-back'; readonly deployment: PlatformDeployment; readonly reason: string }
  | { readonly kind: 'deployment-failed'; readonly deployment: PlatformDeployment; readonly reason: string }
  | { readonly kind: 'paused'; readonly deployment: PlatformDeployment; readonly hook: PendingHook }
  | { readonly kind: 'stage-reached'; readonly deployment: PlatformDeployment; readonly stage: string };

export interface VerdictInput {
  readonly observation: Observation;
  readonly subject: WatchSubject;
  readonly policy: FailFastPolicy;
  /** When the subject was first seen FAILED (for the platform-rollback grace), if it was. */
  readonly failedSince?: number;
  readonly now: number;
  /** True once an event said the platform is rolling back (survives the rollout vanishing). */
  readonly rollbackAnnounced: boolean;
}

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
interface FailureReasons {
  readonly fatal: boolean;
  readonly messages: string[];
  readonly tasks: StoppedTask[];
}

export function failureReasons(
  rollout: RolloutSnapshot,
  stopped: readonly StoppedTask[],
  policy: FailFastPolicy,
): FailureReasons {
  const failing = stopped.filter((t) => t.category !== 'benign');
  const fatalTasks = failing.filter((t) => policy.fatalCategories.includes(t.category));
  const failedCount = Math.max(rollout.failed, failing.length);
  const messages: string[] = [];
  if (fatalTasks.length > 0) {
    messages.push(
      `${fatalTasks.length} task(s) stopped with ${[...new Set(fatalTasks.map((t) => t.category))].join('/')} errors`,
    );
  }
  const tooMany = failedCount >= policy.maxFailedTasks;
  if (tooMany) messages.push(`${failedCount} failed task(s) (limit ${policy.maxFailedTasks})`);
  return { fatal: fatalTasks.length > 0 || tooMany, messages, tasks: failing };
}
