import type { Observation, RolloutSnapshot, StoppedTask, TargetEvent } from '../provider';
import { formatDeployment } from './deployment-progress';

/**
 * Turns successive observations into lines worth printing: a rollout line when its state or
 * counts change, each new platform event once, each newly stopped task once with its cause.
 * Remembers what it has shown; otherwise pure (no clock, no output).
 */
export class ProgressTracker {
  private readonly rolloutLines = new Map<string, string>();
  private readonly seenEvents = new Set<string>();
  private readonly seenTasks = new Set<string>();
  private readonly saidNotices = new Set<string>();
  private deploymentLine?: string;

  /** Events that existed before the rollout are history, not progress. */
  constructor(existingEvents: readonly TargetEvent[] = []) {
    for (const event of existingEvents) this.seenEvents.add(event.id);
  }

  update(observation: Observation): {
    lines: string[];
    newEvents: TargetEvent[];
    newTasks: StoppedTask[];
    deploymentChanged: boolean;
  } {
    const lines: string[] = [];
    for (const notice of observation.notices ?? []) {
      if (this.saidNotices.has(notice)) continue;
      this.saidNotices.add(notice);
      lines.push(`note: ${notice}`);
    }
    let deploymentChanged = false;
    if (observation.deployment) {
      const line = formatDeployment(observation.deployment);
      if (line !== this.deploymentLine) {
        this.deploymentLine = line;
        deploymentChanged = true;
        lines.push(line);
      }
    }
    for (const rollout of observation.rollouts) {
      const line = formatRollout(rollout);
      if (this.rolloutLines.get(rollout.id) !== line) {
        this.rolloutLines.set(rollout.id, line);
        lines.push(line);
      }
    }
    const newEvents = [...observation.events].reverse().filter((e) => !this.seenEvents.has(e.id));
    for (const event of newEvents) {
      this.seenEvents.add(event.id);
      lines.push(`event: ${event.message}`);
    }
    const newTasks = observation.stoppedTasks.filter((t) => !this.seenTasks.has(t.id));
    for (const task of newTasks) {
      this.seenTasks.add(task.id);
      lines.push(formatStoppedTask(task));
    }
    return { lines, newEvents, newTasks, deploymentChanged };
  }
}

export function formatRollout(rollout: RolloutSnapshot): string {
  const role = rollout.primary ? 'PRIMARY' : 'ACTIVE';
  const reason = rollout.reason ? ` (${rollout.reason})` : '';
  return (
    `${role} ${rollout.revisionLabel} ${rollout.state}${reason}: ` +
    `desired ${rollout.desired}, pending ${rollout.pending}, running ${rollout.running}, failed ${rollout.failed} [${rollout.id}]`
  );
}

export function formatStoppedTask(task: StoppedTask): string {
  const containers = task.containers
    .filter((c) => c.exitCode !== undefined || c.reason)
    .map(
      (c) =>
        `${c.name}${c.exitCode !== undefined ? ` exit ${c.exitCode}` : ''}${c.reason && c.reason !== task.reason ? ` (${c.reason})` : ''}`,
    );
  const detail = containers.length > 0 ? `; ${containers.join(', ')}` : '';
  const code = task.code ? ` [${task.code}]` : '';
  return `task ${shortTaskId(task.id)} stopped (${task.category})${code}: ${task.reason}${detail}`;
}

export function shortTaskId(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
