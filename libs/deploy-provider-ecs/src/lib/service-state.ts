import type { Deployment, Service, ServiceEvent } from '@aws-sdk/client-ecs';
import type { RolloutSnapshot, RolloutState, TargetEvent } from '@slipway/deploy-engine';
import { labelOf } from './task-definition';

/** ECS deployment → neutral rollout. Pure. */
export function toRollout(deployment: Deployment, onlyDeployment: boolean): RolloutSnapshot {
  const revisionId = deployment.taskDefinition ?? '';
  return {
    id: deployment.id ?? '',
    revisionId,
    revisionLabel: labelOf(revisionId),
    primary: deployment.status === 'PRIMARY',
    state: rolloutStateOf(deployment, onlyDeployment),
    reason: deployment.rolloutStateReason || undefined,
    desired: deployment.desiredCount ?? 0,
    pending: deployment.pendingCount ?? 0,
    running: deployment.runningCount ?? 0,
    failed: deployment.failedTasks ?? 0,
    createdAt: deployment.createdAt,
    updatedAt: deployment.updatedAt,
  };
}

/**
 * ECS omits rolloutState for services it does not drive with its own controller (e.g. behind a
 * Classic Load Balancer). Then a lone deployment at its desired count counts as completed.
 */
function rolloutStateOf(deployment: Deployment, onlyDeployment: boolean): RolloutState {
  const state = deployment.rolloutState;
  if (state === 'IN_PROGRESS' || state === 'COMPLETED' || state === 'FAILED') return state;
  const settled =
    deployment.status === 'PRIMARY' &&
    onlyDeployment &&
    (deployment.runningCount ?? 0) === (deployment.desiredCount ?? 0);
  return settled ? 'COMPLETED' : 'IN_PROGRESS';
}

export function rolloutsOf(service: Service): RolloutSnapshot[] {
  const deployments = service.deployments ?? [];
  return deployments.map((d) => toRollout(d, deployments.length === 1));
}

export function eventsOf(service: Service): TargetEvent[] {
  return (service.events ?? []).map((e: ServiceEvent) => ({
    id: e.id ?? '',
    at: e.createdAt ?? new Date(0),
    message: e.message ?? '',
  }));
}

/** Rollback by ECS itself: circuit breaker or deployment alarms, with rollback on. */
export function hasPlatformRollback(service: Service): boolean {
  const config = service.deploymentConfiguration;
  const breaker = config?.deploymentCircuitBreaker;
  const alarms = config?.alarms;
  return Boolean((breaker?.enable && breaker.rollback) || (alarms?.enable && alarms.rollback));
}

/**
 * The revision a failed rollout goes back to: that of the newest COMPLETED deployment
 * (what ECS's circuit breaker picks too), else the service's current task definition.
 */
export function stableTaskDefinition(service: Service): string {
  const completed = (service.deployments ?? [])
    .filter((d) => d.rolloutState === 'COMPLETED' && d.taskDefinition)
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  return completed[0]?.taskDefinition ?? service.taskDefinition ?? '';
}

/** The deployment an UpdateService call just created: PRIMARY on the requested revision. */
export function deploymentFor(service: Service, taskDefinitionArn: string): Deployment | undefined {
  return (service.deployments ?? []).find((d) => d.status === 'PRIMARY' && d.taskDefinition === taskDefinitionArn);
}
