import { triggerAlarm } from './alarms';
import { parseImageReference } from './ids';
import type { Deployment, DeploymentCause, Service, Task, TaskDefinition } from './model';
import { BREAKER_REASON, rollBackDeployment } from './platform-rollback';
import type { RolloutBehaviour } from './scenario';
import type { ServiceDeployment } from './service-deployment-model';
import {
  breakerThreshold,
  liveCounts,
  openServiceDeployment,
  serviceDeploymentOf,
  setStatus,
  touch,
} from './service-deployments';
import { runStaged } from './staged-rollout';
import type { World } from './world';

/**
 * How ECS moves a rolling deployment along, in simulated time: start tasks, let them run or fail,
 * count failures against the circuit breaker, roll back, drain the old deployments. Every deployment
 * a client or scenario starts opens a service deployment; other strategies go to `staged-rollout.ts`.
 */

export const FIRST_TASKS_AFTER = 1;

/** ECS's default breaker: 0.5 × desiredCount, at least 3 and at most 200. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return breakerThreshold({ enable: true, rollback: true }, desiredCount);
}

export function addEvent(world: World, service: Service, message: string): void {
  service.events.unshift({
    id: world.ids.eventId(),
    createdAt: world.timestamp(),
    message: `(service ${service.name}) ${message}`,
  });
  service.events.length = Math.min(service.events.length, 100);
}

/** Makes a new PRIMARY deployment of `td`; the previous ones turn ACTIVE and stop progressing. */
export function startDeployment(
  world: World,
  service: Service,
  td: TaskDefinition,
  cause: DeploymentCause,
  behaviour: RolloutBehaviour = world.behaviourFor(td),
): Deployment {
  const sources = [...service.deployments];
  for (const previous of service.deployments) previous.status = 'ACTIVE';
  const deployment = deploymentRecord(world, service, td, {
    createdAt: world.timestamp(),
    updatedAt: world.timestamp(),
    rolloutState: 'IN_PROGRESS',
    everCompleted: false,
    behaviour,
    cause,
  });
  const id = deployment.id;
  service.deployments.unshift(deployment);
  world.record({
    service: service.name,
    deploymentId: id,
    event: 'DEPLOYMENT_CREATED',
    detail: `${cause}: ${td.family}:${td.revision} (${behaviour.kind})`,
  });
  const sd = openServiceDeployment(world, service, deployment, sources);
  if (sd.settings.strategy !== 'ROLLING') {
    runStaged(world, service, sd);
    return deployment;
  }
  world.scheduler.schedule(world.time + FIRST_TASKS_AFTER, () => {
    if (sd.status === 'PENDING') setStatus(world, service, sd, 'IN_PROGRESS');
  });
  plan(world, service, deployment, sd);
  return deployment;
}

type DeploymentProgress = Pick<Deployment, 'createdAt' | 'updatedAt' | 'everCompleted' | 'behaviour' | 'cause'> & {
  readonly rolloutState: 'IN_PROGRESS' | 'COMPLETED';
};

/** A new PRIMARY deployment record of `td` at the service's desired count, as far along as `progress` says. */
export function deploymentRecord(
  world: World,
  service: Service,
  td: TaskDefinition,
  progress: DeploymentProgress,
): Deployment {
  const id = world.ids.deploymentId();
  const reason = progress.rolloutState === 'COMPLETED' ? 'completed' : 'in progress';
  return {
    id,
    status: 'PRIMARY',
    taskDefinitionArn: td.arn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    rolloutStateReason: `ECS deployment ${id} ${reason}.`,
    tasks: [],
    ...progress,
  };
}

/** A deployment only makes progress while it is the PRIMARY one and still in progress. */
export const isLive = (deployment: Deployment) =>
  deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS';

function plan(world: World, service: Service, deployment: Deployment, sd: ServiceDeployment): void {
  const t0 = world.time;
  const b = deployment.behaviour;
  switch (b.kind) {
    case 'healthy': {
      const after = b.after ?? 60;
      const launchAt = Math.min(FIRST_TASKS_AFTER, after / 4);
      world.scheduler.schedule(t0 + launchAt, () => {
        if (!isLive(deployment)) return;
        const tasks = launchTasks(world, service, deployment, deployment.desiredCount);
        // With early success, tasks come up one by one, so ECS can call it done before all of them are.
        if (sd.settings.earlySuccessCriteria?.enable) staggerRunning(world, service, sd, tasks, t0 + after / 2);
      });
      world.scheduler.schedule(t0 + after / 2, () => {
        if (isLive(deployment)) for (const task of liveTasks(deployment)) markRunning(world, task);
      });
      world.scheduler.schedule(t0 + after, () => {
        if (!isLive(deployment)) return;
        if (!sd.settings.alarms?.enable) return completeDeployment(world, service, deployment);
        // ECS: with alarms, the deployment stays IN_PROGRESS through a bake after the old tasks are gone.
        scaleInOthers(world, service, deployment);
        world.scheduler.schedule(world.time + service.alarmBakeSeconds, () => {
          if (isLive(deployment)) completeDeployment(world, service, deployment);
        });
      });
      const alarm = b.alarm;
      if (alarm) {
        world.scheduler.schedule(t0 + (alarm.after ?? 0), () => {
          if (isLive(deployment) && sd.status === 'IN_PROGRESS') triggerAlarm(world, service, sd, alarm.name);
        });
      }
      return;
    }
    case 'crashLoop':
    case 'imagePullError':
      scheduleFailingCycle(world, service, deployment, t0 + FIRST_TASKS_AFTER);
      return;
    case 'stuck':
      world.scheduler.schedule(t0 + FIRST_TASKS_AFTER, () => {
        if (isLive(deployment)) launchTasks(world, service, deployment, deployment.desiredCount);
      });
      return;
    case 'superseded':
      world.scheduler.schedule(t0 + Math.min(FIRST_TASKS_AFTER, b.at / 2), () => {
        if (isLive(deployment)) launchTasks(world, service, deployment, deployment.desiredCount);
      });
      world.scheduler.schedule(t0 + b.at, () => {
        if (isLive(deployment)) supersede(world, service, deployment, b.byTag);
      });
      return;
  }
}

/**
 * Early success: tasks turn RUNNING one by one up to simulated second `by`; once `healthyPercent` of the desired
 * count run, the service deployment is SUCCESSFUL and its counts are frozen (ECS reports that
 * snapshot), while ECS keeps scaling in the background.
 */
function staggerRunning(world: World, service: Service, sd: ServiceDeployment, tasks: Task[], by: number): void {
  const start = world.time;
  const needed = Math.ceil(((sd.settings.earlySuccessCriteria?.healthyPercent ?? 100) / 100) * tasks.length);
  tasks.forEach((task, i) => {
    world.scheduler.schedule(start + ((by - start) * (i + 1)) / (tasks.length + 1), () => {
      markRunning(world, task);
      touch(world, sd);
      const running = liveCounts(sd.target.deployment).running;
      if (sd.status === 'IN_PROGRESS' && running >= needed) {
        sd.frozenCounts = new Map(
          [sd.target, ...sd.sources].map((r) => [r.revision.arn, liveCounts(r.deployment)] as const),
        );
        setStatus(world, service, sd, 'SUCCESSFUL');
      }
    });
  });
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

export function supersede(world: World, service: Service, deployment: Deployment, byTag: string | undefined): void {
  const current = world.findTaskDefinitionByArn(deployment.taskDefinitionArn);
  if (!current) return;
  let td = current;
  if (byTag !== undefined) {
    const [first, ...rest] = current.body.containerDefinitions;
    const ref = parseImageReference(first.image);
    const repository = world.findRepository(ref.repository);
    const image = repository && world.findImage(repository, { imageTag: byTag });
    const newImage =
      repository && image
        ? `${repository.uri}@${image.digest}`
        : `${ref.registry ? `${ref.registry}/` : ''}${ref.repository}:${byTag}`;
    td = world.registerTaskDefinition(
      current.family,
      { ...current.body, containerDefinitions: [{ ...first, image: newImage }, ...rest] },
      current.tags,
    );
  }
  world.record({
    service: service.name,
    deploymentId: deployment.id,
    event: 'SUPERSEDED',
    detail: `another deployer registered ${td.family}:${td.revision}`,
  });
  startDeployment(world, service, td, 'superseded');
}

/** Stops the tasks of every other deployment; they stay listed (ECS drops them when the rollout completes). */
function scaleInOthers(world: World, service: Service, deployment: Deployment): void {
  for (const other of service.deployments.filter((d) => d !== deployment)) {
    const stopped = liveTasks(other);
    for (const task of stopped) {
      stopTask(world, task, {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: `Scaling activity initiated by (deployment ${deployment.id})`,
      });
    }
    if (stopped.length > 0)
      addEvent(
        world,
        service,
        `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${t.id})`).join(' ')}.`,
      );
  }
}

export function completeDeployment(world: World, service: Service, deployment: Deployment): void {
  scaleInOthers(world, service, deployment);
  const others = service.deployments.filter((d) => d !== deployment);
  for (const other of others) {
    other.status = 'INACTIVE';
    world.record({ service: service.name, deploymentId: other.id, event: 'DRAINED' });
  }
  service.deployments = [deployment];
  deployment.rolloutState = 'COMPLETED';
  deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
  deployment.everCompleted = true;
  deployment.updatedAt = world.timestamp();
  addEvent(world, service, `(deployment ${deployment.id}) deployment completed.`);
  addEvent(world, service, 'has reached a steady state.');
  world.record({
    service: service.name,
    deploymentId: deployment.id,
    event: 'COMPLETED',
    detail: deployment.rolloutStateReason,
  });
  const sd = serviceDeploymentOf(world, deployment);
  if (sd?.status === 'IN_PROGRESS') setStatus(world, service, sd, 'SUCCESSFUL');
  const rolledBack = deployment.rollingBackFor && world.serviceDeployments.get(deployment.rollingBackFor);
  deployment.rollingBackFor = undefined;
  if (rolledBack && rolledBack.status === 'ROLLBACK_IN_PROGRESS')
    setStatus(world, service, rolledBack, 'ROLLBACK_SUCCESSFUL', rolledBack.rollback?.reason);
}

export function liveTasks(deployment: Deployment): Task[] {
  return deployment.tasks.filter((task) => task.lastStatus !== 'STOPPED');
}

export function launchTasks(
  world: World,
  service: Service,
  deployment: Deployment,
  count: number,
  status: Task['lastStatus'] = 'PENDING',
): Task[] {
  const td = world.findTaskDefinitionByArn(deployment.taskDefinitionArn);
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) {
    const id = world.ids.taskId();
    tasks.push({
      id,
      arn: world.arns.task(service.cluster.name, id),
      clusterName: service.cluster.name,
      serviceName: service.name,
      taskDefinitionArn: deployment.taskDefinitionArn,
      startedBy: deployment.id,
      lastStatus: status,
      desiredStatus: 'RUNNING',
      createdAt: world.timestamp(),
      containers: (td?.body.containerDefinitions ?? []).map((c) => ({
        name: c.name,
        image: c.image,
        imageDigest: world.imageOf(c.image)?.digest ?? parseImageReference(c.image).digest,
        lastStatus: status,
      })),
    });
  }
  deployment.tasks.push(...tasks);
  world.tasks.push(...tasks);
  deployment.updatedAt = world.timestamp();
  if (tasks.length > 0)
    addEvent(world, service, `has started ${tasks.length} tasks: ${tasks.map((t) => `(task ${t.id})`).join(' ')}.`);
  return tasks;
}

export function markRunning(world: World, task: Task): void {
  if (task.lastStatus === 'STOPPED') return;
  task.lastStatus = 'RUNNING';
  task.startedAt = world.timestamp();
  for (const container of task.containers) container.lastStatus = 'RUNNING';
}

export function stopTask(
  world: World,
  task: Task,
  how: { stopCode: Task['stopCode']; stoppedReason: string; exitCode?: number; containerReason?: string },
): void {
  task.lastStatus = 'STOPPED';
  task.desiredStatus = 'STOPPED';
  task.stopCode = how.stopCode;
  task.stoppedReason = how.stoppedReason;
  task.stoppingAt = world.timestamp();
  task.stoppedAt = world.timestamp();
  for (const container of task.containers) {
    container.lastStatus = 'STOPPED';
    if (how.exitCode !== undefined) container.exitCode = how.exitCode;
    else if (how.stopCode === 'ServiceSchedulerInitiated') container.exitCode = 0;
    if (how.containerReason !== undefined) container.reason = how.containerReason;
  }
}
