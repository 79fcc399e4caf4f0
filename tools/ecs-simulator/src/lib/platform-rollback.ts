import type { Deployment, Service } from './model';
import { completeDeployment } from './deployment-records';
import type { LifecycleStage } from './service-deployment-model';
import { revisionOf, serviceDeploymentOf, setStatus, shiftTraffic } from './service-deployments';
import { addEvent, launchTasks, liveTasks, markRunning } from './tasks';
import type { World } from './world';

/**
 * ECS rolling a deployment back: the circuit breaker or an alarm tripped, a PAUSE hook was answered
 * ROLLBACK (or timed out), or a client called StopServiceDeployment(ROLLBACK).
 *
 * Shaped on a real circuit-breaker rollback captured through DescribeServices: the last COMPLETED
 * deployment comes back as PRIMARY under its old `ecs-svc/` id ("rolling back to deploymentId …"),
 * while the failed one stays ACTIVE and IN_PROGRESS for a while before it shows FAILED, and is
 * dropped from `deployments[]` once the rollback completes.
 */
export type RollbackTrigger =
  | { readonly kind: 'circuit-breaker' }
  | { readonly kind: 'alarm'; readonly names: readonly string[] }
  | { readonly kind: 'hook'; readonly hookId: string; readonly stage: LifecycleStage; readonly timedOut: boolean }
  | { readonly kind: 'stop' };

/** Real `rolloutStateReason` of a deployment the breaker failed. */
export const BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';

/**
 * `statusReason` / `rollback.reason` of the service deployment. No verbatim text is public for
 * these (ecs-payloads.md, open question 2): the breaker's is its real rolloutStateReason, the
 * others are the simulator's own wording.
 */
export function rollbackReason(trigger: RollbackTrigger): string {
  switch (trigger.kind) {
    case 'circuit-breaker':
      return BREAKER_REASON;
    case 'alarm':
      return `ECS deployment alarms: ${trigger.names.join(', ')} in ALARM state; rolling back.`;
    case 'hook':
      return trigger.timedOut
        ? `Lifecycle hook ${trigger.hookId} at ${trigger.stage} timed out; its timeout action is ROLLBACK.`
        : `Lifecycle hook ${trigger.hookId} at ${trigger.stage} was answered with ROLLBACK.`;
    case 'stop':
      return 'Rollback requested by StopServiceDeployment.';
  }
}

/** What the failed deployment's `rolloutStateReason` and service event say, for failures ECS detected. */
function detectedFailure(trigger: RollbackTrigger): { state: string; event: string } | undefined {
  if (trigger.kind === 'circuit-breaker') return { state: BREAKER_REASON, event: 'tasks failed to start.' };
  if (trigger.kind === 'alarm')
    return { state: `ECS deployment alarms: ${trigger.names.join(', ')} triggered.`, event: 'alarm detected.' };
  return undefined;
}

export function rollBackDeployment(world: World, service: Service, failed: Deployment, trigger: RollbackTrigger): void {
  const sd = serviceDeploymentOf(world, failed);
  const reason = rollbackReason(trigger);
  const detected = detectedFailure(trigger);
  if (sd) sd.epoch++;
  if (detected) {
    addEvent(world, service, `(deployment ${failed.id}) deployment failed: ${detected.event}`);
    world.record({ service: service.name, deploymentId: failed.id, event: 'FAILED', detail: detected.state });
  }
  // ECS rolls back to the most recent COMPLETED deployment; with none, the deployment just stalls.
  const target = service.deployments.find((d) => d !== failed && d.everCompleted);
  if (!target) {
    failed.rolloutState = 'FAILED';
    failed.rolloutStateReason = detected?.state ?? reason;
    if (sd)
      setStatus(world, service, sd, 'ROLLBACK_FAILED', `${reason} There is no completed deployment to roll back to.`);
    return;
  }
  if (sd) {
    sd.rollback = { reason, startedAt: world.timestamp(), revisionArn: revisionOf(world, service, target).arn };
    setStatus(world, service, sd, 'ROLLBACK_IN_PROGRESS', reason);
    const weights = sd.weights.get(sd.target.revision.arn);
    if (weights?.test !== undefined) shiftTraffic(world, service, sd, 'test', 0);
    if (weights?.production !== undefined) shiftTraffic(world, service, sd, 'production', 0);
  }
  revive(world, service, target, failed, trigger, sd?.arn);
  if (detected) {
    world.scheduler.schedule(world.time + Math.min(10, service.rollbackAfter / 2), () => {
      if (!service.deployments.includes(failed)) return;
      failed.rolloutState = 'FAILED';
      failed.rolloutStateReason = detected.state;
      failed.updatedAt = world.timestamp();
    });
  }
}

/** The last completed deployment, PRIMARY again under its own id, back at the desired count. */
function revive(
  world: World,
  service: Service,
  target: Deployment,
  failed: Deployment,
  trigger: RollbackTrigger,
  serviceDeploymentArn: string | undefined,
): void {
  service.deployments = [target, ...service.deployments.filter((d) => d !== target)];
  for (const d of service.deployments) d.status = d === target ? 'PRIMARY' : 'ACTIVE';
  target.rolloutState = 'IN_PROGRESS';
  target.rolloutStateReason =
    trigger.kind === 'circuit-breaker'
      ? `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`
      : `ECS deployment ${target.id} in progress.`;
  target.desiredCount = service.desiredCount;
  target.updatedAt = world.timestamp();
  target.rollingBackFor = serviceDeploymentArn ?? target.id;
  addEvent(world, service, `rolling back to deployment ${target.id}.`);
  const td = world.findTaskDefinitionByArn(target.taskDefinitionArn);
  world.record({
    service: service.name,
    deploymentId: target.id,
    event: 'ROLLBACK_STARTED',
    detail: `from ${failed.id}`,
  });
  world.record({
    service: service.name,
    deploymentId: target.id,
    event: 'DEPLOYMENT_CREATED',
    detail: `${trigger.kind === 'circuit-breaker' ? 'circuit-breaker-rollback' : 'rollback'}: ${td?.family}:${td?.revision} (healthy)`,
  });
  const missing = target.desiredCount - liveTasks(target).length;
  const started = missing > 0 ? launchTasks(world, service, target, missing) : [];
  const token = target.rollingBackFor;
  const done = world.time + service.rollbackAfter;
  world.scheduler.schedule(world.time + service.rollbackAfter / 2, () => started.forEach((t) => markRunning(world, t)));
  world.scheduler.schedule(done, () => {
    if (target.status === 'PRIMARY' && target.rolloutState === 'IN_PROGRESS' && target.rollingBackFor === token)
      completeDeployment(world, service, target);
  });
}
