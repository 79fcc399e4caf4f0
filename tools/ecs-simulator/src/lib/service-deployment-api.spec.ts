import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { sdkClients } from '../test-support/sdk';
import { startSimulator, type RunningSimulator } from './http-server';
import { apiScenario, PRESETS } from './presets';

describe('the service-deployments API over HTTP, through the real SDK v3 client', () => {
  let sim: RunningSimulator | undefined;
  let ecs: ECSClient | undefined;
  afterEach(async () => {
    ecs?.destroy();
    await sim?.close();
    sim = undefined;
  });

  async function start(scenario = PRESETS['pause-hook']()) {
    // Real time at 1 s per simulated second: only the test's `advance` moves things along.
    sim = await startSimulator({ ...scenario, msPerSimSecond: 1000 });
    ecs = sdkClients(sim.url, 1).ecs;
    return { sim, ecs };
  }

  it('pages ListServiceDeployments by nextToken, filters by status and createdAt, and describes with Date fields', async () => {
    const { sim, ecs } = await start();
    const since = new Date(Date.now() - 60_000);
    for (let i = 0; i < 3; i++) {
      await ecs.send(new UpdateServiceCommand({ cluster: 'sim-cluster', service: 'api', forceNewDeployment: true }));
      sim.simulator.clock.advance(1);
    }
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: 'sim-cluster',
          service: 'api',
          createdAt: { after: since },
          maxResults: 2,
          nextToken,
        }),
      );
      arns.push(...(page.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(arns).toHaveLength(3);
    const ongoing = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'sim-cluster', service: 'api', status: ['PENDING', 'IN_PROGRESS'] }),
    );
    expect(ongoing.serviceDeployments?.map((d) => d.serviceDeploymentArn)).toEqual([arns[0]]);

    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arns[0], 'arn:x'] }),
    );
    expect(described.failures).toEqual([{ arn: 'arn:x', reason: 'MISSING' }]);
    const [sd] = described.serviceDeployments!;
    expect(sd.createdAt).toBeInstanceOf(Date);
    expect(sd.deploymentConfiguration?.strategy).toBe('BLUE_GREEN');
    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({ serviceRevisionArns: [sd.targetServiceRevision!.arn!] }),
    );
    expect(revisions.serviceRevisions?.[0].taskDefinition).toMatch(/task-definition\/api:2$/);
  });

  it('continues a paused hook and stops a deployment with the real commands', async () => {
    const { sim, ecs } = await start();
    await ecs.send(new UpdateServiceCommand({ cluster: 'sim-cluster', service: 'api', forceNewDeployment: true }));
    // The default rollout (healthy after 60 s) scales up in 30 s; the hook waits after the test traffic shift.
    sim.simulator.clock.advance(45);
    const [brief] = (await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sim-cluster', service: 'api' })))
      .serviceDeployments!;
    const arn = brief.serviceDeploymentArn!;
    const describe = async () =>
      (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0];
    const paused = await describe();
    const hook = paused.lifecycleHookDetails![0];
    expect(hook.status).toBe('AWAITING_ACTION');
    expect(hook.expiresAt).toBeInstanceOf(Date);
    await ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' }),
    );
    expect((await describe()).lifecycleHookDetails![0].status).toBe('SUCCEEDED');
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    expect((await describe()).status).toBe('ROLLBACK_REQUESTED');
  });

  it('an endpoint without the API answers UnknownOperationException', async () => {
    const { ecs } = await start(apiScenario({ serviceDeploymentsApi: false }));
    await expect(
      ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sim-cluster', service: 'api' })),
    ).rejects.toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });
});
