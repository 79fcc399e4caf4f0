import type { Deployment, Service, TaskDefinition } from './model';
import { serviceDeploymentOf, setStatus } from './service-deployments';
import { addEvent, liveTasks, stopTask } from './tasks';
import type { World } from './world';

/**
 * The `deployments[]` entries of a service, as DescribeServices shows them: a new PRIMARY one, and
 * the end of a rollout (the others scaled in and dropped, the service deployment SUCCESSFUL).
 */

export const FIRST_TASKS_AFTER = 1;

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

/** Stops the tasks of every other deployment; they stay listed (ECS drops them when the rollout completes). */
export function scaleInOthers(world: World, service: Service, deployment: Deployment): void {
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
