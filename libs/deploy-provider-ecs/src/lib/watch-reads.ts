import type { Deployment, ServiceDeployment } from '@aws-sdk/client-ecs';

/**
 * Which reads a watch poll makes once the service deployment is followed. It is read every poll
 * (status, stage, counts, weights, monitors); `DescribeServices` (events, failedTasks) only when
 * the deployment changed or every few polls, and the stopped tasks only when something failed.
 * That keeps a watch at or under ~2 calls a poll (≈ 34 a minute at the 3.5 s default), within the
 * 40 a minute the project allows, where reading all three every poll would make 51. Pure.
 */

/** At most this many polls between two DescribeServices reads, for the service events. */
export const SERVICE_READ_EVERY = 4;

export interface ReadMemory {
  /** Polls since DescribeServices was last read (Infinity before the first). */
  readonly pollsSinceServiceRead: number;
  /** Fingerprint of the service deployment at the last DescribeServices read. */
  readonly lastFingerprint?: string;
  /** Failures counted at the last stopped-task read (breaker count, failedTasks, tasks gone). */
  readonly lastFailureSignal?: number;
}

export const FRESH_MEMORY: ReadMemory = { pollsSinceServiceRead: Number.POSITIVE_INFINITY };

/** Everything a DescribeServices read could add to: status, stage, counts, monitors, hooks. */
export function fingerprint(sd: ServiceDeployment): string {
  const t = sd.targetServiceRevision;
  return JSON.stringify([
    sd.status,
    sd.lifecycleStage,
    t?.runningTaskCount,
    t?.pendingTaskCount,
    t?.requestedProductionTrafficWeight,
    sd.deploymentCircuitBreaker?.failureCount,
    sd.alarms?.triggeredAlarmNames,
    sd.lifecycleHookDetails?.map((h) => h.status),
  ]);
}

export function needsServiceRead(memory: ReadMemory, sd: ServiceDeployment): boolean {
  return memory.pollsSinceServiceRead + 1 >= SERVICE_READ_EVERY || fingerprint(sd) !== memory.lastFingerprint;
}

/** A number that grows whenever a task of the watched deployment may have failed. */
export function failureSignal(sd: ServiceDeployment, deployment: Deployment | undefined): number {
  return Math.max(sd.deploymentCircuitBreaker?.failureCount ?? 0, deployment?.failedTasks ?? 0);
}

/** Stopped tasks are read on the first look and whenever the failure signal moved since the last read. */
export function needsStoppedTasks(memory: ReadMemory, signal: number): boolean {
  return memory.lastFailureSignal === undefined || signal !== memory.lastFailureSignal;
}
