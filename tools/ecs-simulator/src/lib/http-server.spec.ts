import {
  AccessDeniedException,
  ClientException,
  ClusterNotFoundException,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  DescribeClustersCommand,
  DeregisterTaskDefinitionCommand,
  waitUntilServicesStable,
  ECSClient,
} from '@aws-sdk/client-ecs';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageNotFoundException,
  ListImagesCommand,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { startSimulator, type RunningSimulator } from './http-server';
import { apiScenario, commitOf, digestOf, NEW_VERSION } from './presets';
import { sdkClients } from '../test-support/sdk';

const cluster = 'sim-cluster';
const uri = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api';

describe('the simulator speaks AWS JSON 1.1 to the real SDK v3 clients', () => {
  let sim: RunningSimulator;
  let ecs: ECSClient;
  let ecr: ECRClient;

  beforeEach(async () => {
    // Nearly real time, so the test moves the clock itself (advance) and nothing depends on machine speed.
    sim = await startSimulator(apiScenario({ rollout: { kind: 'healthy', after: 20 }, msPerSimSecond: 1000 }));
    ({ ecs, ecr } = sdkClients(sim.url, 1));
  });
  afterEach(async () => {
    ecs.destroy();
    ecr.destroy();
    await sim.close();
  });

  async function deploy(tag: string) {
    const image = (
      await ecr.send(new DescribeImagesCommand({ repositoryName: 'slipway/api', imageIds: [{ imageTag: tag }] }))
    ).imageDetails![0];
    const { taskDefinition } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'api', include: ['TAGS'] }),
    );
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        ...(taskDefinition as Required<typeof taskDefinition> & { family: string }),
        containerDefinitions: [{ ...taskDefinition!.containerDefinitions![0], image: `${uri}@${image.imageDigest}` }],
        tags: [{ key: 'slipway:version', value: tag }],
      }),
    );
    const { service } = await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: 'api',
        taskDefinition: registered.taskDefinition!.taskDefinitionArn,
      }),
    );
    return { registered, deploymentId: service!.deployments![0].id! };
  }

  it('ECR: repositories, images by tag, tagged listings and manifests, with timestamps as dates', async () => {
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['slipway/api'] }));
    expect(repositories![0]).toMatchObject({
      repositoryName: 'slipway/api',
      repositoryUri: uri,
      repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/slipway/api',
    });
    expect(repositories![0].createdAt).toBeInstanceOf(Date);

    const { imageDetails } = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'slipway/api', imageIds: [{ imageTag: NEW_VERSION }] }),
    );
    expect(imageDetails![0].imageTags).toEqual([NEW_VERSION, `sha-${commitOf(NEW_VERSION)}`]);
    expect(imageDetails![0].imageDigest).toBe(digestOf(NEW_VERSION));
    expect(digestOf(NEW_VERSION)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(imageDetails![0].imagePushedAt).toEqual(new Date('2026-01-12T00:00:00Z'));

    const tagged = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'slipway/api', filter: { tagStatus: 'TAGGED' }, maxResults: 2 }),
    );
    expect(tagged.imageDetails).toHaveLength(2);
    const rest = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'slipway/api',
        filter: { tagStatus: 'TAGGED' },
        nextToken: tagged.nextToken,
      }),
    );
    expect(rest.imageDetails).toHaveLength(2);
    expect(rest.nextToken).toBeUndefined();

    const listed = await ecr.send(new ListImagesCommand({ repositoryName: 'slipway/api' }));
    expect(listed.imageIds).toHaveLength(8);

    const batch = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'slipway/api',
        imageIds: [{ imageTag: NEW_VERSION }, { imageTag: 'v9.9.9' }],
      }),
    );
    expect(JSON.parse(batch.images![0].imageManifest!).manifests[0].platform).toEqual({
      os: 'linux',
      architecture: 'amd64',
    });
    expect(batch.failures).toEqual([
      { imageId: { imageTag: 'v9.9.9' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
    ]);
  });

  it("ECR errors arrive as the SDK's named exceptions", async () => {
    const missingTag = ecr.send(
      new DescribeImagesCommand({ repositoryName: 'slipway/api', imageIds: [{ imageTag: 'v9.9.9' }] }),
    );
    await expect(missingTag).rejects.toBeInstanceOf(ImageNotFoundException);
    await expect(missingTag).rejects.toThrow(/imageTag:'v9.9.9'.*repository with name 'slipway\/api'/);
    await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] }))).rejects.toBeInstanceOf(
      RepositoryNotFoundException,
    );
    await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'nope' }))).rejects.toThrow(
      "The repository with name 'nope' does not exist",
    );
  });

  it('ECS: describe, register with tags, update, list and describe the tasks of a deployment', async () => {
    const before = (await ecs.send(new DescribeServicesCommand({ cluster, services: ['api'], include: ['TAGS'] })))
      .services![0];
    expect(before).toMatchObject({
      serviceName: 'api',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:2',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      tags: [],
    });
    expect(before.deployments![0].id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(before.deployments![0].createdAt).toBeInstanceOf(Date);

    const { registered, deploymentId } = await deploy(NEW_VERSION);
    expect(registered.taskDefinition!.revision).toBe(3);
    expect(registered.tags).toEqual([{ key: 'slipway:version', value: NEW_VERSION }]);
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: registered.taskDefinition!.taskDefinitionArn,
        include: ['TAGS'],
      }),
    );
    expect(described.tags).toEqual([{ key: 'slipway:version', value: NEW_VERSION }]);
    const current = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api:2', include: ['TAGS'] }));
    expect(current.tags).toEqual([
      { key: 'slipway:version', value: 'v1.1.0' },
      { key: 'slipway:commit', value: commitOf('v1.1.0') },
      { key: 'slipway:digest', value: digestOf('v1.1.0') },
      { key: 'slipway:previous-task-definition', value: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:1' },
    ]);
    expect(described.taskDefinition!.registeredAt).toBeInstanceOf(Date);

    sim.simulator.clock.advance(8); // tasks started at 1 s, running at 10 s
    const running = await ecs.send(new ListTasksCommand({ cluster, startedBy: deploymentId }));
    expect(running.taskArns).toHaveLength(2);
    const { tasks, failures } = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: [...running.taskArns!, 'nope'] }),
    );
    expect(tasks![0]).toMatchObject({
      startedBy: deploymentId,
      group: 'service:api',
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
    });
    expect(tasks![0].containers![0].image).toBe(registered.taskDefinition!.containerDefinitions![0].image);
    expect(failures).toEqual([{ arn: 'nope', reason: 'MISSING' }]);
    const stopped = await ecs.send(new ListTasksCommand({ cluster, serviceName: 'api', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toEqual([]);

    const arns = (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'api', sort: 'DESC' })))
      .taskDefinitionArns;
    expect(arns!.map((a) => a.split(':').at(-1))).toEqual(['3', '2', '1']);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:1' }));
    expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'api' }))).taskDefinitionArns).toHaveLength(
      2,
    );

    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: [cluster, 'nope'] }));
    expect(clusters.clusters![0]).toMatchObject({
      clusterName: cluster,
      activeServicesCount: 1,
      runningTasksCount: 2,
      pendingTasksCount: 2,
    });
    expect(clusters.failures![0].reason).toBe('MISSING');
  });

  it('ECS: tags on services and task definitions', async () => {
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:service/sim-cluster/api';
    await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'slipway:lock', value: 'run-1' }] }));
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'slipway:lock', value: 'run-1' },
    ]);
    await ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['slipway:lock'] }));
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([]);
    await expect(
      ecs.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/x/y' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("ECS errors arrive as the SDK's named exceptions; a missing service in DescribeServices is a MISSING failure", async () => {
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['api'] }))).rejects.toBeInstanceOf(
      ClusterNotFoundException,
    );
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster, service: 'nope', taskDefinition: 'api:1' })),
    ).rejects.toBeInstanceOf(ServiceNotFoundException);
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster, service: 'api', taskDefinition: 'api:99' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' }))).rejects.toBeInstanceOf(
      ClientException,
    );
    await expect(
      ecs.send(new RegisterTaskDefinitionCommand({ family: 'api', containerDefinitions: [{ name: 'api' }] })),
    ).rejects.toThrow('Container.image should not be null or empty.');
    await expect(ecs.send(new DescribeServicesCommand({ cluster, services: [] }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    const missing = await ecs.send(new DescribeServicesCommand({ cluster, services: ['nope'] }));
    expect(missing.services).toEqual([]);
    expect(missing.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:123456789012:service/sim-cluster/nope', reason: 'MISSING' },
    ]);
  });

  it('injected faults: AccessDenied is a named exception; throttling surfaces by name and the SDK retries through a short burst', async () => {
    sim.simulator.addFault({ operation: 'UpdateService', error: 'AccessDeniedException' });
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster, service: 'api', forceNewDeployment: true })),
    ).rejects.toBeInstanceOf(AccessDeniedException);

    sim.simulator.addFault({ operation: 'DescribeServices', error: 'ThrottlingException', times: 2 });
    await expect(ecs.send(new DescribeServicesCommand({ cluster, services: ['api'] }))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
    });

    const retrying = sdkClients(sim.url, 3).ecs;
    const described = await retrying.send(new DescribeServicesCommand({ cluster, services: ['api'] }));
    retrying.destroy();
    expect(described.services).toHaveLength(1);
    const calls = sim.simulator.calls.list().filter((c) => c.operation === 'DescribeServices');
    expect(calls.map((c) => c.error)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
    expect(
      sim.simulator.calls
        .list()
        .filter((c) => c.mutating)
        .map((c) => `${c.operation}:${c.error}`),
    ).toEqual(['UpdateService:AccessDeniedException']);
  });

  it('the SDK finds it through AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL_ECR and the dummy credentials', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, sim.env);
    try {
      const fromEnv = { ecs: new ECSClient({}), ecr: new ECRClient({}) };
      expect(
        (await fromEnv.ecs.send(new DescribeServicesCommand({ cluster, services: ['api'] }))).services,
      ).toHaveLength(1);
      expect((await fromEnv.ecr.send(new DescribeRepositoriesCommand({}))).repositories).toHaveLength(1);
      fromEnv.ecs.destroy();
      fromEnv.ecr.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('waitUntilServicesStable runs against it (scaled delays), succeeding once the rollout completes', async () => {
    sim.simulator.load(apiScenario({ rollout: { kind: 'healthy', after: 20 }, msPerSimSecond: 5 }));
    await deploy(NEW_VERSION);
    const result = await waitUntilServicesStable(
      { client: ecs, minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 5 },
      { cluster, services: ['api'] },
    );
    expect(result.state).toBe('SUCCESS');
    const completed = sim.simulator.world.timeline.at(-1)!;
    expect(completed.event).toBe('COMPLETED');
    expect(completed.realTime).toBeLessThanOrEqual(Date.now());
  });

  it('answers unknown operations and malformed requests with AWS-shaped errors', async () => {
    const post = (headers: Record<string, string>, body: string) => fetch(sim.url, { method: 'POST', headers, body });
    const unknown = await post(
      {
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateService',
        'content-type': 'application/x-amz-json-1.1',
      },
      '{}',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await unknown.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'The ECS simulator does not implement ecs:CreateService',
    });
    expect(sim.simulator.calls.list().at(-1)).toMatchObject({
      operation: 'CreateService',
      mutating: true,
      error: 'UnknownOperationException',
    });

    const otherService = await post({ 'x-amz-target': 'AmazonS3.ListBuckets' }, '{}');
    expect(((await otherService.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const badJson = await post({ 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeServices' }, '{nope');
    expect(((await badJson.json()) as { __type: string }).__type).toBe('SerializationException');
    const noTarget = await fetch(sim.url);
    expect(noTarget.status).toBe(400);
  });
});
