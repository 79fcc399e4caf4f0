import type { SimClock } from './clock';
import { hex } from './ids';
import { toTags, type Deployment, type Service, type TaskDefinition } from './model';
import { deploymentRecord } from './deployment-records';
import { startDeployment } from './rollout';
import {
  ScenarioError,
  validateScenario,
  type Scenario,
  type ScenarioService,
  type ScenarioTaskDefinition,
} from './scenario';
import type { DeploymentSettings } from './service-deployment-model';
import { revisionOf } from './service-deployments';
import { launchTasks, markRunning } from './tasks';
import { World } from './world';

export const DEFAULT_REGION = 'eu-west-1';
export const DEFAULT_ACCOUNT = '123456789012';

/** Builds the world a scenario describes: repositories, task definitions, clusters, steady services. */
export function buildWorld(input: Scenario, clock: SimClock): World {
  const scenario = validateScenario(input);
  const epoch = (scenario.startTime ? Date.parse(scenario.startTime) : Date.now()) / 1000;
  const world = new World(clock, {
    region: scenario.region ?? DEFAULT_REGION,
    accountId: scenario.accountId ?? DEFAULT_ACCOUNT,
    epoch,
    rollouts: scenario.rollouts ?? {},
    serviceDeploymentsApi: scenario.serviceDeploymentsApi ?? true,
    replay: scenario.replay,
  });

  for (const repo of scenario.repositories ?? []) {
    world.repositories.set(repo.name, {
      name: repo.name,
      arn: world.arns.repository(repo.name),
      uri: world.arns.repositoryUri(repo.name),
      createdAt: world.timestamp(-86_400),
      images: (repo.images ?? []).map((image) => ({
        digest: image.digest ?? `sha256:${hex(`${repo.name}@${image.tags.join(',')}`, 64)}`,
        tags: [...image.tags],
        pushedAt: image.pushedAt ? Date.parse(image.pushedAt) / 1000 : world.timestamp(-3_600),
        sizeInBytes: image.sizeInBytes ?? 48_213_077,
        platforms: image.platforms ?? ['linux/amd64'],
      })),
    });
  }

  for (const td of scenario.taskDefinitions ?? []) {
    world.registerTaskDefinition(td.family, taskDefinitionBody(world, td), toTags(td.tags));
  }

  for (const name of scenario.clusters ?? []) world.addCluster(name);

  for (const spec of scenario.services ?? []) {
    const cluster = world.addCluster(spec.cluster);
    const td = requireTaskDefinition(world, spec.taskDefinition, `services "${spec.name}".taskDefinition`);
    const service: Service = {
      name: spec.name,
      arn: world.arns.service(cluster.name, spec.name),
      cluster,
      desiredCount: spec.desiredCount ?? 2,
      createdAt: world.timestamp(-30 * 86_400),
      circuitBreaker: spec.deploymentConfiguration?.deploymentCircuitBreaker ??
        spec.circuitBreaker ?? { enable: true, rollback: true },
      deploymentSettings: deploymentSettingsOf(spec),
      resourceManagementType: spec.resourceManagementType ?? 'CUSTOMER',
      rollbackAfter: spec.rollbackAfter ?? 30,
      stageSeconds: spec.stageSeconds ?? 3,
      alarmBakeSeconds: spec.alarmBakeSeconds ?? 120,
      deployments: [],
      serviceDeployments: [],
      events: [],
      tags: toTags(spec.tags),
    };
    world.services.set(`${cluster.name}/${service.name}`, service);
    service.deployments.push(steadyDeployment(world, service, td));
    if (spec.inProgress) {
      const next = requireTaskDefinition(
        world,
        spec.inProgress.taskDefinition,
        `services "${spec.name}".inProgress.taskDefinition`,
      );
      startDeployment(world, service, next, 'scenario', spec.inProgress.behaviour ?? { kind: 'stuck' });
    }
  }
  return world;
}

function deploymentSettingsOf(spec: ScenarioService): DeploymentSettings {
  const rest = structuredClone(spec.deploymentConfiguration ?? {});
  delete rest.deploymentCircuitBreaker;
  return { ...rest, strategy: rest.strategy ?? 'ROLLING', lifecycleHooks: rest.lifecycleHooks ?? [] };
}

function requireTaskDefinition(world: World, ref: string, where: string): TaskDefinition {
  const td = world.findTaskDefinition(ref);
  if (!td) throw new ScenarioError(`${where} "${ref}" is not among taskDefinitions`);
  return td;
}

function taskDefinitionBody(world: World, td: ScenarioTaskDefinition): TaskDefinition['body'] {
  let image = td.image;
  if (image === undefined) {
    const repository = world.findRepository(td.repository ?? '');
    const found = repository && world.findImage(repository, { imageTag: td.tag });
    if (!repository || !found) {
      throw new ScenarioError(
        `taskDefinitions "${td.family}": image ${td.repository}:${td.tag} is not among repositories`,
      );
    }
    image = `${repository.uri}@${found.digest}`;
  }
  return {
    containerDefinitions: [
      {
        name: td.containerName ?? 'api',
        image,
        essential: true,
        portMappings: [{ containerPort: 3000, hostPort: 3000, protocol: 'tcp' }],
        environment: [],
      },
    ],
    cpu: '256',
    memory: '512',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    executionRoleArn: `arn:aws:iam::${world.options.accountId}:role/ecsTaskExecutionRole`,
  };
}

/** The deployment a service has been running since before the simulation: COMPLETED, tasks RUNNING. */
function steadyDeployment(world: World, service: Service, td: TaskDefinition): Deployment {
  const deployment = deploymentRecord(world, service, td, {
    createdAt: world.timestamp(-86_400),
    updatedAt: world.timestamp(-86_000),
    rolloutState: 'COMPLETED',
    everCompleted: true,
    behaviour: { kind: 'healthy' },
    cause: 'scenario',
  });
  revisionOf(world, service, deployment);
  const tasks = launchTasks(world, service, deployment, service.desiredCount);
  tasks.forEach((task) => markRunning(world, task));
  service.events.length = 0;
  service.events.unshift({
    id: world.ids.eventId(),
    createdAt: world.timestamp(-86_000),
    message: `(service ${service.name}) has reached a steady state.`,
  });
  return deployment;
}
