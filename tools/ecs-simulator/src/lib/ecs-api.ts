import { AwsError, clientException, invalidParameter } from './aws-error';
import { serviceToWire, taskDefinitionToWire, taskToWire } from './ecs-wire';
import type { Cluster, ContainerDefinition, Service, Tag, Task } from './model';
import { page } from './paging';
import { anchorReplay } from './replay';
import { startDeployment } from './rollout';
import { lastSegment, type World } from './world';

/** ECS operations over the simulated world. Inputs and outputs are the AWS JSON 1.1 members. */
export type Input = Record<string, unknown>;
export type Handler = (world: World, input: Input) => unknown;

const clusterNotFound = () => new AwsError('ClusterNotFoundException', 'Cluster not found.');
const serviceNotFound = () => new AwsError('ServiceNotFoundException', 'Service not found.');

function stringList(value: unknown, name: string, max: number): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw invalidParameter(`${name} must be a non-empty list of strings.`);
  }
  if (value.length > max) throw invalidParameter(`${name} can have at most ${max} items.`);
  return value as string[];
}

function requireCluster(world: World, input: Input): Cluster {
  const cluster = world.findCluster(input['cluster'] as string | undefined);
  if (!cluster) throw clusterNotFound();
  return cluster;
}

function requireService(world: World, cluster: Cluster, ref: unknown): Service {
  if (typeof ref !== 'string' || ref === '') throw invalidParameter('service must be specified.');
  const service = world.findService(cluster, ref);
  if (!service) throw serviceNotFound();
  return service;
}

const wantsTags = (input: Input) => Array.isArray(input['include']) && input['include'].includes('TAGS');

/** Stopped tasks stay visible after their deployment is drained, as ECS keeps them for about an hour. */
const allTasks = (world: World): Task[] => world.tasks;

/** Tags live on services and task definitions; ARNs name them. */
function taggable(world: World, arn: unknown): { tags: Tag[] } {
  if (typeof arn !== 'string') throw invalidParameter('resourceArn must be specified.');
  for (const service of world.services.values()) if (service.arn === arn) return service;
  const td = world.findTaskDefinitionByArn(arn);
  if (td) return td;
  throw invalidParameter('The specified resource could not be found.');
}

function validateContainer(container: unknown): ContainerDefinition {
  const c = container as Partial<ContainerDefinition> | null;
  if (!c || typeof c.name !== 'string' || c.name === '')
    throw clientException('Container.name should not be null or empty.');
  if (typeof c.image !== 'string' || c.image === '')
    throw clientException('Container.image should not be null or empty.');
  return c as ContainerDefinition;
}

function validateTags(value: unknown): Tag[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 50)
    throw invalidParameter('tags must be a list of at most 50 key/value pairs.');
  return value.map((tag: Partial<Tag>) => {
    if (typeof tag?.key !== 'string' || tag.key === '' || tag.key.length > 128)
      throw invalidParameter('Tag keys must be 1 to 128 characters.');
    if (typeof tag.value !== 'string' || tag.value.length > 256)
      throw invalidParameter(`Tag "${tag.key}" needs a value of at most 256 characters.`);
    return { key: tag.key, value: tag.value };
  });
}

const READ_ONLY_TASK_DEFINITION_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
];

export const ecsHandlers: Record<string, Handler> = {
  DescribeClusters(world, input) {
    const names = Array.isArray(input['clusters']) ? (input['clusters'] as string[]) : ['default'];
    const clusters = [];
    const failures = [];
    for (const ref of names) {
      const cluster = world.findCluster(ref);
      if (!cluster) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : world.arns.cluster(ref), reason: 'MISSING' });
        continue;
      }
      const services = [...world.services.values()].filter((s) => s.cluster === cluster);
      const tasks = world.tasks.filter((t) => t.clusterName === cluster.name);
      clusters.push({
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        status: 'ACTIVE',
        activeServicesCount: services.length,
        runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
        pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING').length,
        registeredContainerInstancesCount: 0,
      });
    }
    return { clusters, failures };
  },

  DescribeServices(world, input) {
    const refs = stringList(input['services'], 'services', 10);
    const cluster = requireCluster(world, input);
    const services = [];
    const failures = [];
    for (const ref of refs) {
      const service = world.findService(cluster, ref);
      if (service) services.push(serviceToWire(world, service, wantsTags(input)));
      else
        failures.push({ arn: ref.startsWith('arn:') ? ref : world.arns.service(cluster.name, ref), reason: 'MISSING' });
    }
    return { services, failures };
  },

  UpdateService(world, input) {
    const cluster = requireCluster(world, input);
    const service = requireService(world, cluster, input['service']);
    const tdRef = input['taskDefinition'];
    const td = typeof tdRef === 'string' ? world.findTaskDefinition(tdRef) : undefined;
    if (typeof tdRef === 'string' && !td) throw invalidParameter('TaskDefinition not found.');
    if (td && td.status === 'INACTIVE') throw invalidParameter(`TaskDefinition is inactive: ${td.arn}`);
    const desiredCount = input['desiredCount'];
    if (desiredCount !== undefined && (typeof desiredCount !== 'number' || desiredCount < 0))
      throw invalidParameter('desiredCount must be >= 0.');
    const breaker = (input['deploymentConfiguration'] as Input | undefined)?.['deploymentCircuitBreaker'] as
      Service['circuitBreaker'] | undefined;

    if (breaker)
      service.circuitBreaker = {
        ...breaker,
        enable: Boolean(breaker.enable),
        rollback: Boolean(breaker.rollback),
      };
    if (typeof desiredCount === 'number') service.desiredCount = desiredCount;
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    const changesTaskDefinition = td !== undefined && td.arn !== primary?.taskDefinitionArn;
    if (changesTaskDefinition || input['forceNewDeployment'] === true || !primary) {
      const next = td ?? (primary && world.findTaskDefinitionByArn(primary.taskDefinitionArn));
      if (!next) throw invalidParameter('TaskDefinition not found.');
      const created = startDeployment(world, service, next, 'client');
      anchorReplay(world, service, created, primary);
    } else if (typeof desiredCount === 'number') {
      primary.desiredCount = desiredCount;
    }
    return { service: serviceToWire(world, service, false) };
  },

  DescribeTaskDefinition(world, input) {
    const ref = input['taskDefinition'];
    if (typeof ref !== 'string' || ref === '') throw clientException('taskDefinition must be specified.');
    const td = world.findTaskDefinition(ref);
    if (!td) throw clientException('Unable to describe task definition.');
    return {
      taskDefinition: taskDefinitionToWire(td),
      ...(wantsTags(input) ? { tags: td.tags.map((t) => ({ ...t })) } : {}),
    };
  },

  RegisterTaskDefinition(world, input) {
    const family = input['family'];
    if (typeof family !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
      throw clientException('Family must be 1 to 255 letters, numbers, hyphens and underscores.');
    }
    const containers = input['containerDefinitions'];
    if (!Array.isArray(containers) || containers.length === 0) throw clientException('Container list cannot be empty.');
    const tags = validateTags(input['tags']);
    const body: Input = { ...input };
    for (const field of ['family', 'tags', ...READ_ONLY_TASK_DEFINITION_FIELDS]) delete body[field];
    const td = world.registerTaskDefinition(
      family,
      { ...body, containerDefinitions: containers.map(validateContainer) },
      tags,
    );
    return { taskDefinition: taskDefinitionToWire(td), tags: td.tags.map((t) => ({ ...t })) };
  },

  DeregisterTaskDefinition(world, input) {
    const td =
      typeof input['taskDefinition'] === 'string' ? world.findTaskDefinition(input['taskDefinition']) : undefined;
    if (!td || !String(input['taskDefinition']).includes(':'))
      throw clientException('The specified task definition does not exist (give family:revision).');
    td.status = 'INACTIVE';
    return { taskDefinition: { ...taskDefinitionToWire(td), deregisteredAt: world.timestamp() } };
  },

  ListTaskDefinitions(world, input) {
    const prefix = typeof input['familyPrefix'] === 'string' ? input['familyPrefix'] : undefined;
    const status = input['status'] ?? 'ACTIVE';
    const arns = [...world.taskDefinitions.entries()]
      .filter(([family]) => prefix === undefined || family === prefix)
      .flatMap(([, revisions]) => revisions)
      .filter((td) => status === 'ALL' || td.status === status)
      .sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision)
      .map((td) => td.arn);
    if (input['sort'] === 'DESC') arns.reverse();
    const { items, nextToken } = page(arns, input['maxResults'], input['nextToken']);
    return { taskDefinitionArns: items, nextToken };
  },

  ListTasks(world, input) {
    const cluster = requireCluster(world, input);
    const serviceName = input['serviceName'];
    if (typeof serviceName === 'string') requireService(world, cluster, serviceName);
    const desiredStatus = input['desiredStatus'] ?? 'RUNNING';
    const tasks = allTasks(world).filter(
      (task) =>
        task.clusterName === cluster.name &&
        task.desiredStatus === desiredStatus &&
        (typeof serviceName !== 'string' || task.serviceName === lastSegment(serviceName)) &&
        (input['startedBy'] === undefined || task.startedBy === input['startedBy']) &&
        (input['family'] === undefined ||
          world.findTaskDefinitionByArn(task.taskDefinitionArn)?.family === input['family']),
    );
    const { items, nextToken } = page(
      tasks.map((t) => t.arn),
      input['maxResults'],
      input['nextToken'],
    );
    return { taskArns: items, nextToken };
  },

  DescribeTasks(world, input) {
    const refs = stringList(input['tasks'], 'tasks', 100);
    const cluster = requireCluster(world, input);
    const byRef = new Map(
      allTasks(world)
        .filter((t) => t.clusterName === cluster.name)
        .flatMap((t) => [[t.arn, t] as const, [t.id, t] as const]),
    );
    const tasks = [];
    const failures = [];
    for (const ref of refs) {
      const task = byRef.get(ref);
      if (task) tasks.push(taskToWire(world, task));
      else failures.push({ arn: ref, reason: 'MISSING' });
    }
    return { tasks, failures };
  },

  ListTagsForResource(world, input) {
    return { tags: taggable(world, input['resourceArn']).tags.map((t) => ({ ...t })) };
  },

  TagResource(world, input) {
    const resource = taggable(world, input['resourceArn']);
    for (const tag of validateTags(input['tags'])) {
      resource.tags = resource.tags.filter((t) => t.key !== tag.key).concat(tag);
    }
    return {};
  },

  UntagResource(world, input) {
    const resource = taggable(world, input['resourceArn']);
    const keys = stringList(input['tagKeys'], 'tagKeys', 50);
    resource.tags = resource.tags.filter((t) => !keys.includes(t.key));
    return {};
  },
};
