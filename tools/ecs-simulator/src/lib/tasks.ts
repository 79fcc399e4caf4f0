import { parseImageReference } from './ids';
import type { Deployment, Service, Task } from './model';
import type { World } from './world';

/** Tasks of a deployment as ECS starts, runs and stops them, and the service events it writes. */

export function addEvent(world: World, service: Service, message: string): void {
  service.events.unshift({
    id: world.ids.eventId(),
    createdAt: world.timestamp(),
    message: `(service ${service.name}) ${message}`,
  });
  service.events.length = Math.min(service.events.length, 100);
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
