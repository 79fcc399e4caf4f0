import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type Deployment,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ServiceDeployment,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsProvider } from './ecs-provider';
import { awsError } from './test-support/fake-ecs-world';

const ecsMock = mockClient(ECSClient);
const settings = { region: 'eu-west-1', cluster: 'prod', service: 'api', container: 'api', repository: 'slipway/api' };
const TD = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/api:${n}`;
const REV = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:service-revision/prod/api/${n}`;
const SD_ARN = 'arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/api/abc';
const URI = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api@sha256:new';
const provider = () =>
  new EcsProvider(settings, new ECSClient({ region: 'eu-west-1' }), new ECRClient({ region: 'eu-west-1' }));

const deployments: Deployment[] = [
  {
    id: 'ecs-svc/2',
    status: 'PRIMARY',
    taskDefinition: TD(3),
    desiredCount: 2,
    runningCount: 0,
    rolloutState: 'IN_PROGRESS',
  },
  {
    id: 'ecs-svc/1',
    status: 'ACTIVE',
    taskDefinition: TD(2),
    desiredCount: 2,
    runningCount: 2,
    rolloutState: 'COMPLETED',
  },
];

function serviceDeployment(patch: Partial<ServiceDeployment> = {}): ServiceDeployment {
  return {
    serviceDeploymentArn: SD_ARN,
    status: 'IN_PROGRESS',
    targetServiceRevision: { arn: REV(8), requestedTaskCount: 2, runningTaskCount: 0, pendingTaskCount: 2 },
    sourceServiceRevisions: [{ arn: REV(7), requestedTaskCount: 2, runningTaskCount: 2 }],
    deploymentConfiguration: { strategy: 'ROLLING' },
    deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 0, threshold: 3 },
    ...patch,
  };
}

beforeEach(() => {
  ecsMock.reset();
  ecsMock
    .on(DescribeServicesCommand)
    .resolves({ services: [{ serviceName: 'api', status: 'ACTIVE', taskDefinition: TD(3), deployments }] });
  ecsMock.on(UpdateServiceCommand).resolves({ service: { deployments } });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      taskDefinitionArn: TD(3),
      family: 'api',
      revision: 3,
      containerDefinitions: [{ name: 'api', image: URI }],
    },
    tags: [],
  });
  ecsMock.on(ListServiceDeploymentsCommand).resolves({
    serviceDeployments: [{ serviceDeploymentArn: SD_ARN, targetServiceRevisionArn: REV(8), createdAt: new Date() }],
  });
  ecsMock.on(DescribeServiceRevisionsCommand).resolves({
    serviceRevisions: [
      {
        serviceRevisionArn: REV(8),
        taskDefinition: TD(3),
        containerImages: [{ containerName: 'api', imageDigest: 'sha256:new' }],
      },
      { serviceRevisionArn: REV(7), taskDefinition: TD(2) },
    ],
  });
  ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [serviceDeployment()] });
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
});

describe('EcsProvider: following its own service deployment', () => {
  it('finds it after UpdateService by the time taken before the call, our task definition and digest', async () => {
    const ecs = provider();
    let sentAt = 0;
    ecsMock.on(UpdateServiceCommand).callsFake(() => {
      sentAt = Date.now();
      return { service: { deployments } };
    });
    const before = Date.now();
    const handle = await ecs.restore({ id: TD(3), label: 'api:3', image: URI });
    const seen = await ecs.observe(handle);
    expect(seen.deployment).toMatchObject({
      id: SD_ARN,
      status: 'IN_PROGRESS',
      revisions: [
        { label: 'api:3', role: 'target', pending: 2 },
        { label: 'api:2', role: 'source', running: 2 },
      ],
    });
    const listed = ecsMock.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input;
    expect(listed.status).toEqual(['PENDING', 'IN_PROGRESS']);
    // From the time taken before UpdateService was sent, less the clock skew: between our start and that send.
    expect(listed.createdAt?.after?.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(listed.createdAt?.after?.getTime()).toBeLessThanOrEqual(sentAt - 60_000);
  });

  it('reads DescribeServices and stopped tasks only when they add something: at most ~2 calls a poll', async () => {
    const ecs = provider();
    const handle = await ecs.restore({ id: TD(3), label: 'api:3', image: URI });
    ecsMock.resetHistory();
    const reads = async (polls: number) => {
      for (let i = 0; i < polls; i++) await ecs.observe(handle);
      const calls = ecsMock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
      ecsMock.resetHistory();
      return calls;
    };
    const first = await reads(1);
    expect(first).toEqual([
      'ListServiceDeploymentsCommand',
      'DescribeServiceRevisionsCommand',
      'DescribeServiceDeploymentsCommand',
      'DescribeServicesCommand',
      'ListTasksCommand',
    ]);
    // Nothing changes for 8 polls: the service deployment each time, DescribeServices every 4th.
    const quiet = await reads(8);
    expect(quiet.filter((c) => c === 'DescribeServiceDeploymentsCommand')).toHaveLength(8);
    expect(quiet.filter((c) => c === 'DescribeServicesCommand')).toHaveLength(2);
    expect(quiet.filter((c) => c === 'ListTasksCommand')).toHaveLength(0);
    // A task fails: the breaker counts it, so the service and the stopped tasks are read at once.
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        serviceDeployment({ deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 3 } }),
      ],
    });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['t1'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 't1',
          lastStatus: 'STOPPED',
          stopCode: 'TaskFailedToStart',
          stoppedReason: 'CannotPullContainerError: x',
        },
      ],
    });
    const failed = await reads(1);
    expect(failed).toEqual([
      'DescribeServiceDeploymentsCommand',
      'DescribeServicesCommand',
      'ListTasksCommand',
      'DescribeTasksCommand',
    ]);
  });

  it('falls back to DescribeServices for good when the endpoint lacks the API, and says so once', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(awsError('UnknownOperationException', ''));
    const ecs = provider();
    const handle = await ecs.restore({ id: TD(3), label: 'api:3', image: URI });
    const first = await ecs.observe(handle);
    const second = await ecs.observe(handle);
    expect(first.deployment).toBeUndefined();
    expect(first.notices).toEqual([
      expect.stringMatching(
        /^this ECS endpoint has no service-deployments API: watching through DescribeServices only/,
      ),
    ]);
    expect(second.notices).toEqual([]);
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(1);
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(2);
  });

  it('reads the policy and the deployment in flight with the target', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'api',
          status: 'ACTIVE',
          taskDefinition: TD(3),
          deployments,
          deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 5 },
        },
      ],
    });
    const target = await provider().readTarget();
    expect(target.policy).toMatchObject({ strategy: 'CANARY', followable: true, bakeMinutes: 5, refusals: [] });
    expect(target.inFlight).toMatchObject({ id: SD_ARN, status: 'IN_PROGRESS' });
  });
});
