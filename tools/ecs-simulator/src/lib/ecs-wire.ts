import type { Deployment, Service, Task, TaskDefinition } from './model';
import { replayedDeployments } from './replay';
import { currentRevisionsToWire, deploymentConfigurationToWire } from './service-deployment-wire';
import type { World } from './world';

/** The JSON shapes ECS answers with (camelCase members, timestamps as epoch seconds). */

export function deploymentToWire(deployment: Deployment) {
  const live = deployment.tasks.filter((t) => t.lastStatus !== 'STOPPED');
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: live.filter((t) => t.lastStatus !== 'RUNNING').length,
    runningCount: live.filter((t) => t.lastStatus === 'RUNNING').length,
    failedTasks: deployment.failedTasks,
    createdAt: deployment.createdAt,
    updatedAt: deployment.updatedAt,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

export function serviceToWire(world: World, service: Service, includeTags: boolean) {
  const replayed = replayedDeployments(world, service);
  const deployments = replayed?.deployments ?? service.deployments.map(deploymentToWire);
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const api = world.options.serviceDeploymentsApi;
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.cluster.arn,
    loadBalancers: [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: service.desiredCount,
    runningCount: deployments.reduce((sum, d) => sum + Number(d['runningCount'] ?? 0), 0),
    pendingCount: deployments.reduce((sum, d) => sum + Number(d['pendingCount'] ?? 0), 0),
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: replayed?.taskDefinition ?? primary?.taskDefinitionArn,
    deploymentConfiguration: deploymentConfigurationToWire(service.circuitBreaker, service.deploymentSettings),
    deployments,
    events: replayed?.events ?? service.events.map((e) => ({ ...e })),
    createdAt: service.createdAt,
    ...(api && !replayed
      ? {
          currentServiceDeployment: service.currentServiceDeployment,
          currentServiceRevisions: currentRevisionsToWire(service),
        }
      : {}),
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    createdBy: `arn:aws:iam::${world.options.accountId}:role/platform`,
    resourceManagementType: service.resourceManagementType,
    ...(includeTags ? { tags: service.tags.map((t) => ({ ...t })) } : {}),
  };
}

export function taskDefinitionToWire(td: TaskDefinition) {
  return {
    ...td.body,
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    compatibilities: ['EC2', 'FARGATE'],
    registeredAt: td.registeredAt,
    registeredBy: 'arn:aws:sts::123456789012:assumed-role/deployer/slipway',
  };
}

export function taskToWire(world: World, task: Task) {
  const cluster = world.clusters.get(task.clusterName);
  return {
    taskArn: task.arn,
    clusterArn: cluster?.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    group: `service:${task.serviceName}`,
    startedBy: task.startedBy,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    cpu: '256',
    memory: '512',
    availabilityZone: `${world.options.region}a`,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    stoppingAt: task.stoppingAt,
    stoppedAt: task.stoppedAt,
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    healthStatus: 'UNKNOWN',
    attachments: [],
    containers: task.containers.map((c) => ({
      containerArn: world.arns.container(task.clusterName, task.id, c.name),
      taskArn: task.arn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      healthStatus: 'UNKNOWN',
    })),
  };
}
