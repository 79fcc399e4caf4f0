import { isLive } from './deployment-records';
import { parseImageReference } from './ids';
import type { Deployment, Service, Task } from './model';
import { BREAKER_REASON, rollBackDeployment } from './platform-rollback';
import type { ServiceDeployment } from './service-deployment-model';
import { breakerThreshold, serviceDeploymentOf, setStatus, touch } from './service-deployments';
import { addEvent, launchTasks, markRunning, stopTask } from './tasks';
import type { World } from './world';

/**
 * Deployments whose tasks fail (crash loops, image pulls), for every strategy: each failure counts
 * against the circuit breaker, which rolls back (or, without rollback, fails the deployment).
 */

/** ECS's default breaker: 0.5 × desiredCount, at least 3 and at most 200. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return breakerThreshold({ enable: true, rollback: true }, desiredCount);
}

/** Each cycle ECS starts `desiredCount` tasks; each one fails, adding to `failedTasks`. */
export function scheduleFailingCycle(world: World, service: Service, deployment: Deployment, at: number): void {
  const b = deployment.behaviour;
  if (b.kind !== 'crashLoop' && b.kind !== 'imagePullError') return;
  const interval = b.taskInterval ?? 10;
  world.scheduler.schedule(at, () => {
    if (!isLive(deployment)) return;
    const tasks = launchTasks(
      world,
      service,
      deployment,
      deployment.desiredCount,
      b.kind === 'imagePullError' ? 'PROVISIONING' : 'PENDING',
    );
    if (b.kind === 'crashLoop') {
      const runFor = b.runFor ?? 4;
      const launched = deployment.tasks.length - tasks.length;
      const staysUp = (i: number) => b.healthyEvery !== undefined && (launched + i + 1) % b.healthyEvery === 0;
      world.scheduler.schedule(world.time + runFor / 2, () =>
        tasks.forEach((task, i) => {
          markRunning(world, task);
          if (staysUp(i)) healthyTask(world, service, deployment);
        }),
      );
      world.scheduler.schedule(world.time + runFor, () => {
        for (const [i, task] of tasks.entries()) {
          if (staysUp(i)) continue;
          stopTask(world, task, {
            stopCode: 'EssentialContainerExited',
            stoppedReason: 'Essential container in task exited',
            exitCode: b.exitCode ?? 1,
          });
          countFailure(world, service, deployment, task);
        }
      });
    } else {
      world.scheduler.schedule(world.time + 2, () => {
        for (const task of tasks) {
          const reason = b.reason ?? pullErrorReason(task.containers[0]?.image ?? '');
          stopTask(world, task, { stopCode: 'TaskFailedToStart', stoppedReason: reason, containerReason: reason });
          countFailure(world, service, deployment, task);
        }
      });
    }
    scheduleFailingCycle(world, service, deployment, world.time + interval);
  });
}

function pullErrorReason(image: string): string {
  const ref = parseImageReference(image);
  const reference = ref.digest ?? ref.tag ?? 'latest';
  return (
    `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ` +
    `failed to do request: Head "https://${ref.registry ?? 'registry'}/v2/${ref.repository}/manifests/${reference}": dial tcp 10.0.12.34:443: i/o timeout`
  );
}

/** A task that came up healthy: with `resetOnHealthyTask` (the default), the failure count starts over. */
function healthyTask(world: World, service: Service, deployment: Deployment): void {
  const sd = serviceDeploymentOf(world, deployment);
  if ((sd?.circuitBreaker ?? service.circuitBreaker).resetOnHealthyTask === false) return;
  deployment.failedTasks = 0;
  if (sd) sd.breaker.failureCount = 0;
}

function countFailure(world: World, service: Service, deployment: Deployment, task: Task): void {
  deployment.failedTasks += 1;
  deployment.updatedAt = world.timestamp();
  const sd = serviceDeploymentOf(world, deployment);
  if (sd) {
    sd.breaker.failureCount = deployment.failedTasks;
    touch(world, sd);
  }
  if (deployment.failedTasks === 1) {
    world.record({
      service: service.name,
      deploymentId: deployment.id,
      event: 'TASK_FAILED',
      detail: task.stoppedReason,
    });
  }
  const breaker = sd?.circuitBreaker ?? service.circuitBreaker;
  const threshold = sd?.breaker.threshold ?? breakerThreshold(breaker, deployment.desiredCount);
  if (breaker.enable && isLive(deployment) && deployment.failedTasks >= threshold) {
    failDeployment(world, service, deployment, sd);
  }
}

function failDeployment(
  world: World,
  service: Service,
  deployment: Deployment,
  sd: ServiceDeployment | undefined,
): void {
  if (sd) sd.breaker.status = 'TRIGGERED';
  const breaker = sd?.circuitBreaker ?? service.circuitBreaker;
  if (breaker.rollback) return rollBackDeployment(world, service, deployment, { kind: 'circuit-breaker' });
  deployment.rolloutState = 'FAILED';
  deployment.rolloutStateReason = BREAKER_REASON;
  deployment.updatedAt = world.timestamp();
  addEvent(world, service, `(deployment ${deployment.id}) deployment failed: tasks failed to start.`);
  world.record({ service: service.name, deploymentId: deployment.id, event: 'FAILED', detail: BREAKER_REASON });
  // ECS: without rollback, a deployment that fails detection moves to STOP_REQUESTED, then STOPPED.
  if (sd) setStatus(world, service, sd, 'STOPPED', BREAKER_REASON);
}
