import type { Task } from '@aws-sdk/client-ecs';
import type { StopCategory, StoppedTask } from '@slipway/deploy-engine';

const PULL = /CannotPullContainer|pull image manifest|failed to resolve ref|manifest unknown|not found: manifest/i;
const INIT =
  /ResourceInitializationError|CannotStartContainerError|CannotCreateContainerError|CannotInspectContainerError|ContainerRuntimeError|InternalError|OutOfMemoryError|unable to retrieve secret|failed to start/i;
const HEALTH = /health ?check/i;
/** Stops that say nothing about the image: deployments replacing tasks, scale-in, users, infrastructure. */
const BENIGN_CODES = new Set(['UserInitiated', 'SpotInterruption', 'TerminationNotice', 'InfrastructureHealth']);
const BENIGN_REASON =
  /Scaling activity initiated by|Task stopped by user|Service .* deployment|deployment ecs-svc|stopped by deployment|draining/i;

/**
 * Why an ECS task stopped, in the engine's terms. Pure. Pull and start failures come with stop
 * code TaskFailedToStart; an essential container's exit with EssentialContainerExited; health
 * check kills are ServiceSchedulerInitiated with a reason naming the health check.
 */
export function categorizeStop(task: Task): StopCategory {
  const reason = task.stoppedReason ?? '';
  const containerReasons = (task.containers ?? []).map((c) => c.reason ?? '').join(' ');
  const text = `${reason} ${containerReasons}`;
  if (PULL.test(text)) return 'pull';
  if (task.stopCode === 'TaskFailedToStart' || INIT.test(text)) return 'init';
  if (task.stopCode === 'EssentialContainerExited' || /Essential container in task exited/i.test(reason))
    return 'essential-exit';
  if (HEALTH.test(reason)) return 'health';
  if ((task.stopCode && BENIGN_CODES.has(task.stopCode)) || BENIGN_REASON.test(reason)) return 'benign';
  return 'other';
}

export function toStoppedTask(task: Task): StoppedTask {
  return {
    id: task.taskArn ?? '',
    category: categorizeStop(task),
    reason: task.stoppedReason ?? '(no reason given)',
    code: task.stopCode,
    containers: (task.containers ?? []).map((c) => ({ name: c.name ?? '?', exitCode: c.exitCode, reason: c.reason })),
    stoppedAt: task.stoppedAt,
  };
}
