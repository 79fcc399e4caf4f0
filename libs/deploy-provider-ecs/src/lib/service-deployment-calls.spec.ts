import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  continueServiceDeployment,
  describeServiceDeployment,
  findOwnDeployment,
  lacksServiceDeploymentsApi,
  listOngoingDeployments,
  stopServiceDeployment,
} from './service-deployment-calls';
import { awsError } from './test-support/fake-ecs-world';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'eu-west-1' });
const ref = { cluster: 'prod', service: 'api' };
const SD = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/api/${id}`;
const REV = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:service-revision/prod/api/${id}`;
const TD = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/api:${n}`;

beforeEach(() => ecsMock.reset());

describe('listing ongoing service deployments (no paginator in the SDK: paged by hand)', () => {
  it('follows nextToken, asks for PENDING and IN_PROGRESS created after the time given, newest first', async () => {
    const since = new Date('2026-12-01T10:00:00Z');
    ecsMock
      .on(ListServiceDeploymentsCommand, { nextToken: undefined })
      .resolves({
        serviceDeployments: [{ serviceDeploymentArn: SD('a'), createdAt: new Date('2026-12-01T10:00:01Z') }],
        nextToken: 'p2',
      })
      .on(ListServiceDeploymentsCommand, { nextToken: 'p2' })
      .resolves({
        serviceDeployments: [{ serviceDeploymentArn: SD('b'), createdAt: new Date('2026-12-01T10:00:05Z') }],
      });
    const found = await listOngoingDeployments(ecs, ref, since);
    expect(found.map((d) => d.serviceDeploymentArn)).toEqual([SD('b'), SD('a')]);
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input).toEqual({
      cluster: 'prod',
      service: 'api',
      status: ['PENDING', 'IN_PROGRESS'],
      createdAt: { after: since },
      maxResults: 100,
      nextToken: undefined,
    });
  });
});

describe('finding our own service deployment', () => {
  const query = { ...ref, since: new Date(0), taskDefinitionArn: TD(3), digest: 'sha256:new' };

  it('matches the target revision on our task definition and digest, not the newest deployment', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        { serviceDeploymentArn: SD('theirs'), targetServiceRevisionArn: REV('9'), createdAt: new Date(2_000) },
        { serviceDeploymentArn: SD('ours'), targetServiceRevisionArn: REV('8'), createdAt: new Date(1_000) },
      ],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: REV('9'), taskDefinition: TD(4), containerImages: [{ imageDigest: 'sha256:other' }] },
        { serviceRevisionArn: REV('8'), taskDefinition: TD(3), containerImages: [{ imageDigest: 'sha256:new' }] },
      ],
    });
    const own = await findOwnDeployment(ecs, query);
    expect(own?.arn).toBe(SD('ours'));
    expect(own?.revisions.get(REV('8'))).toBe(TD(3));
    expect(ecsMock.commandCalls(DescribeServiceRevisionsCommand)[0].args[0].input).toEqual({
      serviceRevisionArns: [REV('9'), REV('8')],
    });
  });

  it('is not found while ECS has not listed it yet, nor when the digest differs', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    expect(await findOwnDeployment(ecs, query)).toBeUndefined();
    expect(ecsMock.commandCalls(DescribeServiceRevisionsCommand)).toHaveLength(0);
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [{ serviceDeploymentArn: SD('x'), targetServiceRevisionArn: REV('1') }],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: REV('1'), taskDefinition: TD(3), containerImages: [{ imageDigest: 'sha256:old' }] },
      ],
    });
    expect(await findOwnDeployment(ecs, query)).toBeUndefined();
  });
});

describe('acting on a service deployment', () => {
  it('describes one, stops it with ROLLBACK, continues a hook with both ARN and hook id', async () => {
    ecsMock
      .on(DescribeServiceDeploymentsCommand)
      .resolves({ serviceDeployments: [{ serviceDeploymentArn: SD('a'), status: 'IN_PROGRESS' }] });
    ecsMock.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD('a') });
    ecsMock.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD('a') });
    expect((await describeServiceDeployment(ecs, SD('a')))?.status).toBe('IN_PROGRESS');
    await stopServiceDeployment(ecs, SD('a'));
    await continueServiceDeployment(ecs, SD('a'), 'ecs-pause-x', 'ROLLBACK');
    expect(ecsMock.commandCalls(StopServiceDeploymentCommand)[0].args[0].input).toEqual({
      serviceDeploymentArn: SD('a'),
      stopType: 'ROLLBACK',
    });
    expect(ecsMock.commandCalls(ContinueServiceDeploymentCommand)[0].args[0].input).toEqual({
      serviceDeploymentArn: SD('a'),
      hookId: 'ecs-pause-x',
      action: 'ROLLBACK',
    });
  });

  it('tells a missing API (or a role without it) from other failures', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(awsError('UnknownOperationException', ''));
    const missing = await listOngoingDeployments(ecs, ref).catch((e: unknown) => e);
    expect(lacksServiceDeploymentsApi(missing)).toBe(true);
    expect(lacksServiceDeploymentsApi(awsError('AccessDeniedException', 'not authorized', 400))).toBe(true);
    expect(lacksServiceDeploymentsApi(awsError('ThrottlingException', 'Rate exceeded'))).toBe(false);
    expect(lacksServiceDeploymentsApi(awsError('ConflictException', 'done'))).toBe(false);
  });
});
