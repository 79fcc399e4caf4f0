import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ApplyIncompleteError, ProviderError } from '@slipway/deploy-engine';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsProvider } from './ecs-provider';
import { defaultAwsClients } from './create-provider';
import { createEcsProviderFactory } from './factory';
import { awsError } from './test-support/fake-ecs-world';

const ecsMock = mockClient(ECSClient);
const ecrMock = mockClient(ECRClient);
const settings = { region: 'eu-west-1', cluster: 'prod', service: 'api', container: 'api', repository: 'slipway/api' };
const URI = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api';
const TD = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/api:${n}`;
const provider = () =>
  new EcsProvider(settings, new ECSClient({ region: 'eu-west-1' }), new ECRClient({ region: 'eu-west-1' }));
const handle = { rolloutId: 'ecs-svc/2', revision: { id: TD(2), label: 'api:2', image: `${URI}@sha256:b` } };

beforeEach(() => {
  ecsMock.reset();
  ecrMock.reset();
  ecrMock
    .on(DescribeRepositoriesCommand)
    .resolves({ repositories: [{ repositoryName: 'slipway/api', repositoryUri: URI }] });
});

describe('EcsProvider: image resolution in ECR', () => {
  it('resolves tag → digest with the commit from the sha- tag on the same digest, describing the repository once', async () => {
    ecrMock.on(DescribeImagesCommand).resolves({
      imageDetails: [
        {
          repositoryName: 'slipway/api',
          imageDigest: 'sha256:b',
          imageTags: ['v1.2.0', `sha-${'b'.repeat(40)}`, 'sha-short'],
          imagePushedAt: new Date(5),
        },
      ],
    });
    const ecs = provider();
    const first = await ecs.resolveImage('v1.2.0');
    expect(first).toEqual({
      found: true,
      image: {
        version: 'v1.2.0',
        repository: 'slipway/api',
        digest: 'sha256:b',
        reference: `${URI}@sha256:b`,
        tags: ['v1.2.0', `sha-${'b'.repeat(40)}`, 'sha-short'],
        commit: 'b'.repeat(40),
        pushedAt: new Date(5),
      },
    });
    await ecs.resolveImage('v1.2.0');
    expect(ecrMock.commandCalls(DescribeRepositoriesCommand)).toHaveLength(1);
    expect(ecrMock.commandCalls(DescribeImagesCommand)[0].args[0].input).toEqual({
      repositoryName: 'slipway/api',
      imageIds: [{ imageTag: 'v1.2.0' }],
    });
  });

  it('lists tagged images across pages when the tag is missing', async () => {
    ecrMock
      .on(DescribeImagesCommand, { imageIds: [{ imageTag: 'v9.9.9' }] })
      .rejects(awsError('ImageNotFoundException', 'not found'))
      .on(DescribeImagesCommand, { filter: { tagStatus: 'TAGGED' }, nextToken: undefined })
      .resolves({ imageDetails: [{ imageTags: ['v1.0.0'] }, {}], nextToken: 'p2' })
      .on(DescribeImagesCommand, { filter: { tagStatus: 'TAGGED' }, nextToken: 'p2' })
      .resolves({ imageDetails: [{ imageTags: ['v1.1.0', 'sha-x'] }] });
    expect(await provider().resolveImage('v9.9.9')).toEqual({
      found: false,
      repository: 'slipway/api',
      existingTags: ['v1.0.0', 'v1.1.0', 'sha-x'],
    });
  });

  it('treats an answer without a digest as missing', async () => {
    ecrMock
      .on(DescribeImagesCommand, { imageIds: [{ imageTag: 'v1.0.0' }] })
      .resolves({ imageDetails: [] })
      .on(DescribeImagesCommand, { filter: { tagStatus: 'TAGGED' } })
      .resolves({});
    expect(await provider().resolveImage('v1.0.0')).toMatchObject({ found: false, existingTags: [] });
  });

  it('translates other ECR errors and a repository without URI', async () => {
    ecrMock.on(DescribeImagesCommand).rejects(awsError('AccessDeniedException', 'no ecr:DescribeImages'));
    await expect(provider().resolveImage('v1.0.0')).rejects.toMatchObject({
      kind: 'access-denied',
      operation: 'ecr:DescribeImages',
    });
    ecrMock.on(DescribeRepositoriesCommand).resolves({ repositories: [] });
    await expect(provider().resolveImage('v1.0.0')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'repository slipway/api was not found',
    });
  });
});

describe('EcsProvider: target, apply, observe', () => {
  const service = (overrides = {}) => ({
    serviceName: 'api',
    status: 'ACTIVE',
    taskDefinition: TD(1),
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        taskDefinition: TD(1),
        rolloutState: 'COMPLETED' as const,
        desiredCount: 1,
        runningCount: 1,
      },
    ],
    ...overrides,
  });

  it('reports a missing service with the reason ECS gave', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: 'MISSING' }] });
    await expect(provider().readTarget()).rejects.toThrow('service api not found in cluster prod (MISSING)');
    ecsMock.on(DescribeServicesCommand).resolves({});
    await expect(provider().status()).rejects.toThrow('(MISSING)');
  });

  it('refuses a service without task definition, and a task definition ECS cannot describe', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolves({ services: [service({ taskDefinition: undefined, deployments: [] })] });
    await expect(provider().readTarget()).rejects.toThrow('service api has no task definition');
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service()] });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({});
    await expect(provider().readTarget()).rejects.toThrow('task definition api:1 not found');
  });

  it('does not cache a failed task definition read', async () => {
    ecsMock
      .on(DescribeTaskDefinitionCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ taskDefinition: { taskDefinitionArn: TD(1), containerDefinitions: [{ name: 'api', image: 'x' }] } });
    const ecs = provider();
    await expect(ecs.readRevision(TD(1))).rejects.toBeInstanceOf(ProviderError);
    await expect(ecs.readRevision(TD(1))).resolves.toMatchObject({ label: 'api:1', image: 'x' });
  });

  it('a plan for a container that is not there is an invalid-settings error', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service()] });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: TD(1),
        family: 'api',
        containerDefinitions: [{ name: 'web', image: 'x' }],
      },
    });
    const ecs = provider();
    const target = await ecs.readTarget();
    const image = {
      version: 'v1.2.0',
      repository: 'slipway/api',
      digest: 'sha256:b',
      reference: `${URI}@sha256:b`,
      tags: [],
    };
    await expect(ecs.plan(target, image)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('it has: web'),
    });
  });

  it('refuses an apply whose register or update answers make no sense', async () => {
    const plan = { register: { family: 'api', containerDefinitions: [] } } as never;
    ecsMock.on(RegisterTaskDefinitionCommand).resolves({});
    await expect(provider().apply(plan)).rejects.toThrow('RegisterTaskDefinition returned no task definition');
    ecsMock.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: TD(2), family: 'api' } });
    ecsMock.on(UpdateServiceCommand).resolves({ service: service() });
    await expect(provider().apply(plan)).rejects.toThrow('UpdateService returned no PRIMARY deployment for api:2');
    ecsMock.on(UpdateServiceCommand).resolves({});
    await expect(provider().apply(plan)).rejects.toThrow('no PRIMARY deployment');
  });

  it('an apply that fails after registering names the registered revision and how to deregister it', async () => {
    const plan = { register: { family: 'api', containerDefinitions: [] } } as never;
    ecsMock.on(RegisterTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: TD(43),
        family: 'api',
        revision: 43,
        containerDefinitions: [{ name: 'api', image: `${URI}@sha256:b` }],
      },
    });
    ecsMock.on(UpdateServiceCommand).rejects(awsError('AccessDeniedException', 'no ecs:UpdateService'));
    const error = await provider()
      .apply(plan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyIncompleteError);
    expect(error).toMatchObject({
      kind: 'access-denied',
      operation: 'ecs:UpdateService',
      registered: { id: TD(43), label: 'api:43', image: `${URI}@sha256:b` },
      cleanup: ['aws ecs deregister-task-definition --region eu-west-1 --task-definition api:43'],
    });
    ecsMock
      .on(RegisterTaskDefinitionCommand)
      .rejects(awsError('AccessDeniedException', 'no ecs:RegisterTaskDefinition'));
    const before = await provider()
      .apply(plan)
      .catch((e: unknown) => e);
    expect(before).not.toBeInstanceOf(ApplyIncompleteError);
    expect(before).toMatchObject({ kind: 'access-denied', operation: 'ecs:RegisterTaskDefinition' });
  });

  it('describes each stopped task once it is final, and keeps a stopping one fresh', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        service({
          deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD(2), rolloutState: 'IN_PROGRESS' }],
        }),
      ],
    });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t1', 't2', 't3'] });
    ecsMock
      .on(DescribeTasksCommand)
      .resolvesOnce({
        tasks: [
          {
            taskArn: 't1',
            lastStatus: 'STOPPED',
            stopCode: 'TaskFailedToStart',
            stoppedReason: 'CannotPullContainerError: x',
          },
          {
            taskArn: 't2',
            lastStatus: 'DEACTIVATING',
            stopCode: 'EssentialContainerExited',
            stoppedReason: 'Essential container in task exited',
          },
          { taskArn: 't3', lastStatus: 'RUNNING' },
        ],
      })
      .resolves({
        tasks: [
          {
            taskArn: 't2',
            lastStatus: 'STOPPED',
            stopCode: 'EssentialContainerExited',
            stoppedReason: 'Essential container in task exited',
            containers: [{ name: 'api', exitCode: 1 }],
          },
        ],
      });
    const ecs = provider();
    const first = await ecs.observe(handle);
    expect(first.stoppedTasks.map((t) => [t.id, t.category])).toEqual([
      ['t1', 'pull'],
      ['t2', 'essential-exit'],
    ]);
    const second = await ecs.observe(handle);
    expect(ecsMock.commandCalls(DescribeTasksCommand)[1].args[0].input.tasks).toEqual(['t2', 't3']);
    expect(second.stoppedTasks[1].containers).toEqual([{ name: 'api', exitCode: 1, reason: undefined }]);
    expect(ecsMock.commandCalls(ListTasksCommand)[0].args[0].input).toEqual({
      cluster: 'prod',
      startedBy: 'ecs-svc/2',
      desiredStatus: 'STOPPED',
      maxResults: 100,
    });
  });

  it('stops listing tasks once the watched deployment is gone, keeping what it saw', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service()] });
    const observed = await provider().observe(handle);
    expect(observed).toMatchObject({ status: 'ACTIVE', stoppedTasks: [] });
    expect(ecsMock.commandCalls(ListTasksCommand)).toHaveLength(0);
  });

  it('names the exact commands to look at the service by hand', () => {
    expect(provider().inspectCommands()[0]).toBe(
      "aws ecs describe-services --region eu-west-1 --cluster prod --services api --query 'services[0].{deployments:deployments,events:events[:5]}'",
    );
    const noRegion = new EcsProvider({ ...settings, region: undefined }, new ECSClient({}), new ECRClient({}));
    expect(noRegion.description).toBe('ECS service api in cluster prod');
    expect(noRegion.inspectCommands()[1]).toBe(
      'aws ecs list-tasks --cluster prod --service-name api --desired-status STOPPED',
    );
  });
});

describe('factory', () => {
  it('validates like the settings module and builds clients for the configured region', async () => {
    const factory = createEcsProviderFactory();
    expect(factory.name).toBe('ecs');
    expect(factory.validate({ region: 'nowhere' })).toEqual([
      'region "nowhere" is not an AWS region name (e.g. eu-west-1)',
    ]);
    expect(factory.create(settings, { environment: 'prod', env: {} }).description).toBe(
      'ECS service api in cluster prod (eu-west-1)',
    );
    expect(await defaultAwsClients('us-east-2').ecs.config.region()).toBe('us-east-2');
    expect(defaultAwsClients(undefined).ecr).toBeInstanceOf(ECRClient);
  });
});
