import { triggerAlarm } from './alarms';
import { completeDeployment, deploymentRecord, FIRST_TASKS_AFTER, isLive, scaleInOthers } from './deployment-records';
import { parseImageReference } from './ids';
import type { Deployment, DeploymentCause, Service, Task, TaskDefinition } from './model';
import type { RolloutBehaviour } from './scenario';
import type { ServiceDeployment } from './service-deployment-model';
import { liveCounts, openServiceDeployment, setStatus, touch } from './service-deployments';
import { runStaged } from './staged-rollout';
import { scheduleFailingCycle } from './task-failures';
import { launchTasks, liveTasks, markRunning } from './tasks';
import type { World } from './world';

/**
 * How ECS moves a rolling deployment along, in simulated time: start tasks, let them run or fail,
 * count failures against the circuit breaker, roll back, drain the old deployments. Every deployment
 * a client or scenario starts opens a service deployment; other strategies go to `staged-rollout.ts`.
 */

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
    runStaged(world, service, sd, supersede);
    return deployment;
  }
  world.scheduler.schedule(world.time + FIRST_TASKS_AFTER, () => {
    if (sd.status === 'PENDING') setStatus(world, service, sd, 'IN_PROGRESS');
  });
  plan(world, service, deployment, sd);
  return deployment;
}

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
