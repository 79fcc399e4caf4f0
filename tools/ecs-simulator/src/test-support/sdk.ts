/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON answers are asserted field by field; typing each one adds nothing. */
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ManualClock } from '../lib/clock';
import type { Scenario } from '../lib/scenario';
import { Simulator } from '../lib/simulator';

/** SDK clients aimed at a running simulator, with the dummy credentials the deploy tests use. */
export function sdkClients(url: string, maxAttempts = 3) {
  const common = {
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  };
  return { ecs: new ECSClient(common), ecr: new ECRClient(common) };
}

/** A simulator on a clock that moves only when the test says so. */
export function manualSimulator(scenario: Scenario): Simulator {
  return new Simulator(scenario, { clockFactory: () => new ManualClock() });
}

/** Calls an ECS operation in-process and returns its body, throwing the AwsError if it failed. */
export function ecs<T = Record<string, any>>(
  sim: Simulator,
  operation: string,
  input: Record<string, unknown> = {},
): T {
  const result = sim.dispatch(`AmazonEC2ContainerServiceV20141113.${operation}`, input);
  if (!result.ok) throw result.error;
  return result.body as T;
}

export function ecr<T = Record<string, any>>(
  sim: Simulator,
  operation: string,
  input: Record<string, unknown> = {},
): T {
  const result = sim.dispatch(`AmazonEC2ContainerRegistry_V20150921.${operation}`, input);
  if (!result.ok) throw result.error;
  return result.body as T;
}

/** Deploys `tag` the way Slipway does: a digest-pinned copy of the current task definition, then UpdateService. */
export function deployTag(sim: Simulator, tag: string): { deploymentId: string; taskDefinitionArn: string } {
  const image = ecr(sim, 'DescribeImages', { repositoryName: 'slipway/api', imageIds: [{ imageTag: tag }] })
    .imageDetails[0];
  const current = ecs(sim, 'DescribeTaskDefinition', { taskDefinition: 'api' }).taskDefinition;
  const uri = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api@${image.imageDigest}`;
  const registered = ecs(sim, 'RegisterTaskDefinition', {
    ...current,
    containerDefinitions: [{ ...current.containerDefinitions[0], image: uri }],
    tags: [{ key: 'slipway:version', value: tag }],
  }).taskDefinition;
  const service = ecs(sim, 'UpdateService', {
    cluster: 'sim-cluster',
    service: 'api',
    taskDefinition: registered.taskDefinitionArn,
  }).service;
  return { deploymentId: service.deployments[0].id, taskDefinitionArn: registered.taskDefinitionArn };
}

export function describeApi(sim: Simulator): Record<string, any> {
  return ecs(sim, 'DescribeServices', { cluster: 'sim-cluster', services: ['api'] }).services[0];
}
