import { apiScenario, NEW_VERSION, OTHER_VERSION } from '@slipway/ecs-simulator';
import { runNx, SIM_CONFIG } from './lib/nx-run';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';

describe('nx run api:deploy against the ECS simulator: while watching', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('a burst of throttling on DescribeServices is survived: DEPLOYED (0)', async () => {
    // Pre-flight reads the service once; the burst then hits the first watch polls (6 calls = two SDK calls of 3 attempts).
    session = await SimSession.start(
      apiScenario({
        rollout: { kind: 'healthy', after: 120 },
        faults: [{ operation: 'DescribeServices', error: 'ThrottlingException', skip: 1, times: 6 }],
      }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    expect(run.calls.filter((c) => c.error === 'ThrottlingException')).toHaveLength(6);
    expect(outputOf(run)).toMatch(/throttled/);
  });

  it('superseded mid-watch by another deployer: SUPERSEDED (6), and Slipway does not roll back over it', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'superseded', at: 20, byTag: OTHER_VERSION } }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'SUPERSEDED', 6);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    expect(String(run.json!['message'])).toMatch(/superseded by ecs-svc\/\d{19} \(api:4\)/);
    expect(session.service().taskDefinition).toMatch(/api:4$/);
  });

  it('SIGINT mid-watch: Nx exits 130; INTERRUPTED (130) and the exact commands reach $GITHUB_OUTPUT and the step summary, and they work', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'stuck' } }));
    const s = session;
    const run = await s.run('deploy', ['--version', NEW_VERSION], {
      interruptWhen: async () => {
        await s.callMade((c) => c.operation === 'UpdateService');
        const after = s.sim.simulator.calls.list().at(-1)!.seq;
        await s.callMade((c) => c.operation === 'DescribeServices' && c.seq > after);
      },
    });
    expectOutcome(run, 'INTERRUPTED', 130, { nxSilencedOutput: true });
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
    expect(outputOf(run)).toContain('watching rollout ecs-svc/');
    // Whether `nx run` still shows the summary depends on when Nx silences its output after the
    // signal (a race docs/deploy.md warns about), so only the channels that always carry it are asserted.
    expect(session.service().deployments[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      taskDefinition: expect.stringMatching(/api:3$/),
    });

    // The step summary carries the commands to check or roll back, in the safe `nx run … -- …` form,
    // repeating the --config this run used (not the target's own).
    const status = `npx nx run api:deploy-status -- --config ${SIM_CONFIG} --environment sim`;
    expect(run.stepSummary).toContain('**INTERRUPTED** (exit 130)');
    expect(run.stepSummary).toContain(
      `${status}\nnpx nx run api:rollback -- --config ${SIM_CONFIG} --environment sim --to v1.1.0\n`,
    );
    const checked = await runNx({
      target: 'deploy-status',
      args: status.split(' -- ')[1].split(' '),
      env: { ...s.sim.env },
    });
    expect(checked.summary).toEqual({ outcome: 'REPORTED', exitCode: 0 });
    expect(checked.stdout).toMatch(/^sim\s+v1\.2\.0\s+sha256:\w+\s+api:3\s+IN_PROGRESS/m);
  });
});
