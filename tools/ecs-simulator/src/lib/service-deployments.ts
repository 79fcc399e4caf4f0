import { parseImageReference } from './ids';
import type { Deployment, Service, TaskDefinition } from './model';
import {
  isOngoing,
  type CircuitBreakerSettings,
  type LifecycleStage,
  type ServiceDeployment,
  type ServiceDeploymentStatus,
  type ServiceRevision,
  type TrafficWeights,
} from './service-deployment-model';
import type { World } from './world';

/**
 * Service deployments and revisions: created with each deployment a client (or a scenario) starts,
 * moved along by the rolling model (`rollout.ts`) and the staged one (`staged-rollout.ts`).
 */

/** ECS lists a new deployment "a moment after update-service", and DescribeServices lags too. */
export const LIST_LAG_SECONDS = 1;
/** ECS: a superseded deployment ends "about 0.1–10 s after the newer one starts" (real captures). */
const SUPERSEDE_STOP_SECONDS = 1;
export const SUPERSEDED_REASON = 'Replaced by a new service deployment';

/** ECS creates a service revision for every deployment, resolving image tags to digests. */
export function createRevision(world: World, service: Service, td: TaskDefinition): ServiceRevision {
  const arn = world.arns.serviceRevision(service.cluster.name, service.name, world.ids.serviceRevisionId());
  const revision: ServiceRevision = {
    arn,
    serviceArn: service.arn,
    clusterArn: service.cluster.arn,
    taskDefinitionArn: td.arn,
    containerImages: td.body.containerDefinitions.map((c) => ({
      containerName: c.name,
      image: c.image,
      imageDigest: world.imageOf(c.image)?.digest ?? parseImageReference(c.image).digest,
    })),
    createdAt: world.timestamp(),
  };
  world.serviceRevisions.set(arn, revision);
  return revision;
}

export function revisionOf(world: World, service: Service, deployment: Deployment): ServiceRevision {
  const known = deployment.revisionArn && world.serviceRevisions.get(deployment.revisionArn);
  if (known) return known;
  const td = world.findTaskDefinitionByArn(deployment.taskDefinitionArn);
  if (!td) throw new Error(`no task definition ${deployment.taskDefinitionArn}`);
  const revision = createRevision(world, service, td);
  deployment.revisionArn = revision.arn;
  return revision;
}

/**
 * Opens the service deployment that moves `service` to `target` from the deployments it replaces.
 * An ongoing older one is superseded: STOP_REQUESTED now, STOPPED a moment later.
 */
export function openServiceDeployment(
  world: World,
  service: Service,
  target: Deployment,
  sources: Deployment[],
): ServiceDeployment {
  for (const older of service.serviceDeployments.filter(isOngoing)) supersede(world, service, older);
  const now = world.time;
  const sd: ServiceDeployment = {
    arn: world.arns.serviceDeployment(service.cluster.name, service.name, world.ids.serviceDeploymentId()),
    serviceKey: `${service.cluster.name}/${service.name}`,
    createdAt: world.timestamp(),
    updatedAt: world.timestamp(),
    visibleAt: now + LIST_LAG_SECONDS,
    status: 'PENDING',
    settings: structuredClone(service.deploymentSettings),
    circuitBreaker: { ...service.circuitBreaker },
    target: { revision: revisionOf(world, service, target), deployment: target },
    sources: sources.map((deployment) => ({ revision: revisionOf(world, service, deployment), deployment })),
    weights: new Map(),
    breaker: {
      status: service.circuitBreaker.enable ? 'MONITORING' : 'DISABLED',
      failureCount: 0,
      threshold: breakerThreshold(service.circuitBreaker, target.desiredCount),
    },
    alarms: { status: service.deploymentSettings.alarms?.enable ? 'MONITORING' : 'DISABLED', triggered: [] },
    hooks: [],
    epoch: 0,
  };
  target.serviceDeploymentArn = sd.arn;
  world.serviceDeployments.set(sd.arn, sd);
  service.serviceDeployments.unshift(sd);
  world.recordServiceDeployment({
    service: service.name,
    serviceDeploymentArn: sd.arn,
    event: 'STATUS',
    detail: 'PENDING',
  });
  world.scheduler.schedule(now + LIST_LAG_SECONDS, () => {
    service.currentServiceDeployment = sd.arn;
  });
  return sd;
}

function supersede(world: World, service: Service, sd: ServiceDeployment): void {
  setStatus(world, service, sd, 'STOP_REQUESTED');
  const epoch = ++sd.epoch;
  world.scheduler.schedule(world.time + SUPERSEDE_STOP_SECONDS, () => {
    if (sd.epoch === epoch) setStatus(world, service, sd, 'STOPPED', SUPERSEDED_REASON);
  });
}

export function serviceDeploymentOf(world: World, deployment: Deployment): ServiceDeployment | undefined {
  return deployment.serviceDeploymentArn ? world.serviceDeployments.get(deployment.serviceDeploymentArn) : undefined;
}

export function setStatus(
  world: World,
  service: Service,
  sd: ServiceDeployment,
  status: ServiceDeploymentStatus,
  reason?: string,
): void {
  sd.status = status;
  if (reason !== undefined) sd.statusReason = reason;
  touch(world, sd);
  if (status === 'IN_PROGRESS' && sd.startedAt === undefined) sd.startedAt = world.timestamp();
  if (!isOngoing(sd)) {
    sd.finishedAt = world.timestamp();
    if (status === 'STOPPED') sd.stoppedAt = world.timestamp();
    if (sd.breaker.status === 'MONITORING') sd.breaker.status = 'MONITORING_COMPLETE';
    if (sd.alarms.status === 'MONITORING') sd.alarms.status = 'MONITORING_COMPLETE';
  }
  world.recordServiceDeployment({
    service: service.name,
    serviceDeploymentArn: sd.arn,
    event: 'STATUS',
    detail: reason ? `${status}: ${reason}` : status,
  });
}

export function enterStage(world: World, service: Service, sd: ServiceDeployment, stage: LifecycleStage): void {
  sd.stage = stage;
  touch(world, sd);
  world.recordServiceDeployment({ service: service.name, serviceDeploymentArn: sd.arn, event: 'STAGE', detail: stage });
}

/** Sets the requested traffic weights of the target (`green`) and the sources (the rest). */
export function shiftTraffic(
  world: World,
  service: Service,
  sd: ServiceDeployment,
  kind: keyof TrafficWeights,
  targetPercent: number,
): void {
  const set = (arn: string, percent: number) => sd.weights.set(arn, { ...sd.weights.get(arn), [kind]: percent });
  set(sd.target.revision.arn, targetPercent);
  const share = sd.sources.length > 0 ? (100 - targetPercent) / sd.sources.length : 0;
  for (const source of sd.sources) set(source.revision.arn, share);
  touch(world, sd);
  world.recordServiceDeployment({
    service: service.name,
    serviceDeploymentArn: sd.arn,
    event: 'TRAFFIC',
    detail: `${kind} ${targetPercent}%`,
  });
}

export function touch(world: World, sd: ServiceDeployment): void {
  sd.updatedAt = world.timestamp();
}

/**
 * Failed tasks that trip the breaker. Default BOUNDED_PERCENT 50: half the desired count, at least
 * 3 and at most 200 (API_DeploymentCircuitBreaker, API_ThresholdConfiguration).
 */
export function breakerThreshold(breaker: CircuitBreakerSettings, desiredCount: number): number {
  const { type, value } = breaker.thresholdConfiguration ?? { type: 'BOUNDED_PERCENT', value: 50 };
  if (type === 'COUNT') return Math.max(1, Math.round(value));
  const percent = Math.max(1, Math.ceil((desiredCount * value) / 100));
  return type === 'UNBOUNDED_PERCENT' ? percent : Math.min(200, Math.max(3, percent));
}

/** Live task counts of a deployment, as a `ServiceRevisionSummary` reports them. */
export function liveCounts(deployment: Deployment): { running: number; pending: number } {
  const live = deployment.tasks.filter((t) => t.lastStatus !== 'STOPPED');
  const running = live.filter((t) => t.lastStatus === 'RUNNING').length;
  return { running, pending: live.length - running };
}
