import { apiScenario, digestOf, NEW_VERSION } from '@slipway/ecs-simulator';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';
import { circuitBreakerRollbackScenario, circuitBreakerTripMidPollScenario } from './test-support/scenarios';

const PINNED_NEW = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api@${digestOf(NEW_VERSION)}`;

describe('nx run api:deploy against the ECS simulator: how rollouts end', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('healthy rollout: DEPLOYED (0); one new revision pinned by digest and tagged, one UpdateService', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'healthy', after: 60 } }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    const registered = run.calls.find((c) => c.operation === 'RegisterTaskDefinition')!.input as {
      containerDefinitions: { image: string }[];
      tags: unknown[];
    };
    expect(registered.containerDefinitions[0].image).toBe(PINNED_NEW);
    expect(registered.tags).toEqual(
      expect.arrayContaining([
        { key: 'slipway:version', value: NEW_VERSION },
        { key: 'slipway:digest', value: digestOf(NEW_VERSION) },
        { key: 'slipway:previous-task-definition', value: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:2' },
      ]),
    );
    expect(run.json).toMatchObject({
      command: 'deploy',
      version: NEW_VERSION,
      digest: digestOf(NEW_VERSION),
      newRevision: { label: 'api:3' },
      previousRevision: { label: 'api:2' },
    });
    expect(run.stderr).toContain('deployment completed.');
    expect(session.service()).toMatchObject({ taskDefinition: expect.stringMatching(/api:3$/), runningCount: 2 });
  });

  it('crash-looping tasks with the circuit breaker: ECS fails the rollout and rolls back; ROLLED_BACK (3) by the platform, no UpdateService of ours', async () => {
    session = await SimSession.start(circuitBreakerRollbackScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    const output = outputOf(run);
    expect(output).toContain('ECS deployment circuit breaker: tasks failed to start.');
    expect(output).toMatch(/rolled back by the platform/);
    expect(output).toContain('Essential container in task exited; api exit 2');
    const timeline = session.sim.simulator.world.timeline.map((e) => e.event);
    expect(timeline).toEqual(expect.arrayContaining(['FAILED', 'ROLLBACK_STARTED', 'COMPLETED']));
    expect(session.service().taskDefinition).toMatch(/api:2$/);
  });

  it("the breaker trips between one poll's DescribeServices and ListTasks: Slipway re-reads and follows the ECS rollback, no competing UpdateService", async () => {
    session = await SimSession.start(circuitBreakerTripMidPollScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    expect(run.json).toMatchObject({ rollback: { by: 'platform', status: 'COMPLETED', revision: { label: 'api:2' } } });
    expect(outputOf(run)).toContain('the platform is already rolling back to api:2');
    // The race did happen: the poll that judged the rollout saw it IN_PROGRESS with crashed tasks.
    const ops = run.calls.map((c) => c.operation);
    const firstPoll = ops.indexOf('DescribeServices', ops.indexOf('UpdateService'));
    expect(ops.slice(firstPoll, firstPoll + 2)).toEqual(['DescribeServices', 'ListTasks']);
    const timeline = session.sim.simulator.world.timeline.map((e) => e.event);
    expect(timeline.filter((e) => e === 'DEPLOYMENT_CREATED')).toHaveLength(2);
    expect(session.service()).toMatchObject({
      taskDefinition: expect.stringMatching(/api:2$/),
      deployments: [expect.objectContaining({ rolloutState: 'COMPLETED' })],
    });
  });

  it('failing tasks without the circuit breaker: Slipway stops at the first crash and has ECS roll back (StopServiceDeployment); ROLLED_BACK (3)', async () => {
    session = await SimSession.start(
      apiScenario({
        rollout: { kind: 'crashLoop', exitCode: 137 },
        circuitBreaker: { enable: false, rollback: false },
      }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual([
      'RegisterTaskDefinition(api v1.2.0)',
      'UpdateService(api:3)',
      'StopServiceDeployment(ROLLBACK)',
    ]);
    expect(run.json).toMatchObject({ rollback: { by: 'slipway', status: 'COMPLETED', revision: { label: 'api:2' } } });
    const stopped = run.json!['stoppedTasks'] as { reason: string; containers: { exitCode?: number }[] }[];
    expect(stopped[0]).toMatchObject({ reason: 'Essential container in task exited', containers: [{ exitCode: 137 }] });
    expect(session.service()).toMatchObject({
      taskDefinition: expect.stringMatching(/api:2$/),
      deployments: [expect.objectContaining({ rolloutState: 'COMPLETED' })],
    });
  });

  it('image pull error: the stopped reason is reported and Slipway rolls back before the breaker would; ROLLED_BACK (3)', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'imagePullError', taskInterval: 60 } }));
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual([
      'RegisterTaskDefinition(api v1.2.0)',
      'UpdateService(api:3)',
      'StopServiceDeployment(ROLLBACK)',
    ]);
    expect(outputOf(run)).toContain(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${PINNED_NEW}`,
    );
    expect(session.sim.simulator.world.timeline.map((e) => e.event)).not.toContain('FAILED');
  });

  it('a rollout that never finishes: TIMED_OUT (5) after --timeout, then Slipway has ECS roll it back to the previous revision', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'stuck' } }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--timeout', '2s']);
    expectOutcome(run, 'TIMED_OUT', 5);
    expect(run.mutations).toEqual([
      'RegisterTaskDefinition(api v1.2.0)',
      'UpdateService(api:3)',
      'StopServiceDeployment(ROLLBACK)',
    ]);
    expect(outputOf(run)).toMatch(/not completed within 2s/);
    expect(session.service().taskDefinition).toMatch(/api:2$/);
  });

  it('--no-rollback on a crash loop without the breaker: FAILED (4), the failing revision stays', async () => {
    session = await SimSession.start(
      apiScenario({ rollout: { kind: 'crashLoop' }, circuitBreaker: { enable: false, rollback: false } }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--no-rollback']);
    expectOutcome(run, 'FAILED', 4);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    expect(session.service().taskDefinition).toMatch(/api:3$/);
  });
});
