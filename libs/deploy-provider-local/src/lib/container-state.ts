import type { RolloutSnapshot, RolloutState, StoppedTask, TargetEvent } from '@slipway/deploy-engine';
import type { ContainerInfo } from './container-info';
import { LABELS, revisionLabel } from './revision';

/**
 * What one container's state means for a rollout to it. Pure.
 * A rollout is one container replacement: it completes when the container is running and its
 * HEALTHCHECK says healthy, and fails as soon as the container exits, is restarted by Docker,
 * cannot start, or turns unhealthy — none of these heal by waiting.
 */
interface Judgement {
  readonly state: RolloutState;
  readonly reason?: string;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
  readonly stopped?: Omit<StoppedTask, 'id' | 'containers' | 'stoppedAt'>;
}

export function judgeContainer(info: ContainerInfo): Judgement {
  const exit = describeExit(info);
  if (info.restartCount > 0 || info.status === 'restarting') {
    const reason = `the container exited (${exit}) and Docker restarted it ${info.restartCount} time(s)`;
    return failed(reason, 'essential-exit');
  }
  switch (info.status) {
    case 'running':
      return judgeRunning(info);
    case 'exited':
    case 'dead':
      return failed(`the container exited (${exit})`, 'essential-exit');
    case 'created':
      return info.error
        ? failed(`the container could not start: ${info.error}`, 'init')
        : { state: 'IN_PROGRESS', reason: 'created, not started', running: 0, pending: 1, failed: 0 };
    case 'removing':
      return failed('the container is being removed', 'other');
    default:
      return { state: 'IN_PROGRESS', reason: info.status, running: 0, pending: 1, failed: 0 };
  }
}

function judgeRunning(info: ContainerInfo): Judgement {
  const health = info.health;
  if (!health)
    return { state: 'COMPLETED', reason: 'running; the image has no HEALTHCHECK', running: 1, pending: 0, failed: 0 };
  if (health.status === 'healthy') return { state: 'COMPLETED', running: 1, pending: 0, failed: 0 };
  if (health.status === 'unhealthy') {
    const last = lastFailure(info);
    const detail = last ? `: ${last}` : '';
    return failed(
      `the container turned unhealthy after ${health.failingStreak} failed health check(s)${detail}`,
      'health',
    );
  }
  return {
    state: 'IN_PROGRESS',
    reason: 'waiting for the first passing health check',
    running: 0,
    pending: 1,
    failed: 0,
  };
}

function failed(reason: string, category: StoppedTask['category']): Judgement {
  return { state: 'FAILED', reason, running: 0, pending: 0, failed: 1, stopped: { category, reason } };
}

/** The container as a rollout snapshot; `primary` because one container is the whole environment. */
export function rolloutOf(info: ContainerInfo): RolloutSnapshot {
  const judgement = judgeContainer(info);
  return {
    id: rolloutIdOf(info),
    revisionId: info.image,
    revisionLabel: revisionLabel(info.image),
    primary: true,
    state: judgement.state,
    reason: judgement.reason,
    desired: 1,
    pending: judgement.pending,
    running: judgement.running,
    failed: judgement.failed,
    createdAt: info.createdAt,
    updatedAt: lastChange(info),
  };
}

/** The rollout that created a container: Slipway's label, else the container itself. */
export function rolloutIdOf(info: ContainerInfo): string {
  return info.labels[LABELS.rollout] || `container ${info.id.slice(0, 12)}`;
}

/** The failed container as the engine's "stopped task": why, and with which exit code. */
export function stoppedTaskOf(info: ContainerInfo): StoppedTask | undefined {
  const stopped = judgeContainer(info).stopped;
  if (!stopped) return undefined;
  const exited = stopped.category === 'essential-exit';
  return {
    // `<name>/<short id>`: the engine prints what follows the last slash.
    id: `${info.name}/${info.id.slice(0, 12)}`,
    category: stopped.category,
    reason: stopped.reason,
    containers: [
      {
        name: info.name,
        exitCode: exited ? info.exitCode : undefined,
        reason: info.oomKilled ? 'OOMKilled' : undefined,
      },
    ],
    stoppedAt: info.finishedAt ?? lastChange(info),
  };
}

/** Failed health checks as platform events (newest first, as the engine expects). */
export function healthEvents(info: ContainerInfo): TargetEvent[] {
  const events: TargetEvent[] = [];
  for (const check of info.health?.log ?? []) {
    if (check.exitCode === 0) continue;
    const at = check.start ?? check.end ?? new Date(0);
    events.push({
      id: `${info.id}@${at.toISOString()}`,
      at,
      message: `health check failed (exit ${check.exitCode})${summarize(check.output)}`,
    });
  }
  return events.reverse();
}

function describeExit(info: ContainerInfo): string {
  const parts = [`exit code ${info.exitCode}`];
  if (info.oomKilled) parts.push('killed: out of memory');
  if (info.error) parts.push(info.error);
  return parts.join(', ');
}

function lastFailure(info: ContainerInfo): string | undefined {
  const failures = (info.health?.log ?? []).filter((check) => check.exitCode !== 0);
  const last = failures[failures.length - 1];
  return last ? `exit ${last.exitCode}${summarize(last.output)}` : undefined;
}

function summarize(output: string): string {
  const text = output.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return `: ${text.length > 200 ? `${text.slice(0, 197)}...` : text}`;
}

function lastChange(info: ContainerInfo): Date | undefined {
  const times = [info.createdAt, info.startedAt, info.finishedAt, ...(info.health?.log ?? []).map((c) => c.end)].filter(
    (d): d is Date => d !== undefined,
  );
  return times.length > 0 ? new Date(Math.max(...times.map((d) => d.getTime()))) : undefined;
}
