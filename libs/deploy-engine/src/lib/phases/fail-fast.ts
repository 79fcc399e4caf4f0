import type { RolloutSnapshot, StopCategory, StoppedTask } from '../provider';

/** Slipway's own rules for ending a rollout early, on the tasks it saw stop. */
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

/** While waiting for the platform's rollback, nothing but its start (or the grace running out) ends the wait. */
export const FOLLOW_ONLY: FailFastPolicy = {
  fatalCategories: [],
  maxFailedTasks: Number.POSITIVE_INFINITY,
  platformRollbackGraceMs: Number.POSITIVE_INFINITY,
};

interface FailureReasons {
  readonly fatal: boolean;
  readonly messages: string[];
  readonly tasks: StoppedTask[];
}

/** Whether the stopped tasks of a rollout end it under `policy`, and why. Pure. */
export function failureReasons(
  rollout: Pick<RolloutSnapshot, 'failed'>,
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
