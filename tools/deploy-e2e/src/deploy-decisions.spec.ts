import { apiScenario, circuitBreakerCaptureScenario, NEW_VERSION, PRESETS } from '@slipway/ecs-simulator';
import { SIM_CONFIG } from './lib/nx-run';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';
import { blueGreenLongBakeScenario } from './test-support/scenarios';

const WRITES = ['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)'];
const FLAGS = `--config ${SIM_CONFIG} --environment sim`;

/** The newest service deployment as the simulator holds it. */
function newest(session: SimSession) {
  session.sim.simulator.world.catchUp();
  return session.sim.simulator.world.services.get('sim-cluster/api')!.serviceDeployments[0];
}

describe('nx run api:deploy and the decisions around an ECS deployment in flight', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('a PAUSE hook: PAUSED (8) naming stage, hook and expiry; deploy-continue answers CONTINUE and watches to DEPLOYED (0)', async () => {
    session = await SimSession.start(PRESETS['pause-hook']());
    const paused = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(paused, 'PAUSED', 8);
    expect(paused.mutations).toEqual(WRITES);
    const hookId = newest(session).hooks[0].hookId;
    expect(String(paused.json!['message'])).toMatch(
      new RegExp(
        `^ECS waits at POST_TEST_TRAFFIC_SHIFT for a decision on PAUSE hook ${hookId}; it expires at \\S+Z \\(in .+\\), then ROLLBACK\\. Nothing failed`,
      ),
    );
    expect(paused.json!['nextSteps']).toEqual(expect.arrayContaining([`npx nx run api:deploy-continue -- ${FLAGS}`]));
    expect(paused.stepSummary).toContain('**PAUSED** (exit 8)');

    const continued = await session.run('deploy-continue', ['--json']);
    expectOutcome(continued, 'DEPLOYED', 0);
    expect(continued.mutations).toEqual(['ContinueServiceDeployment(CONTINUE)']);
    expect(outputOf(continued)).toContain(`answered PAUSE hook ${hookId} of`);
    expect(newest(session).status).toBe('SUCCESSFUL');
  });

  it('a PAUSE hook rolled back: rollback answers ROLLBACK at the hook; REVERTED (0), the previous revision serves', async () => {
    session = await SimSession.start(PRESETS['pause-hook']());
    expectOutcome(await session.run('deploy', ['--version', NEW_VERSION]), 'PAUSED', 8);
    const rolledBack = await session.run('rollback', ['--json']);
    expectOutcome(rolledBack, 'REVERTED', 0);
    expect(rolledBack.mutations).toEqual(['ContinueServiceDeployment(ROLLBACK)']);
    expect(String(rolledBack.json!['message'])).toMatch(
      /rolled .* back on request .*answered with ROLLBACK.*api:2 \(v1\.1\.0\) serves again/,
    );
    expect(newest(session).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(session.service().taskDefinition).toMatch(/api:2$/);
  });

  it('--wait-until stage:BAKE_TIME: returns once production traffic is on the new revision, saying the rollback window is open; STAGE_REACHED (0)', async () => {
    session = await SimSession.start(blueGreenLongBakeScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--wait-until', 'stage:BAKE_TIME', '--json']);
    expectOutcome(run, 'STAGE_REACHED', 0);
    expect(String(run.json!['message'])).toMatch(
      /v1\.2\.0 reached BAKE_TIME on api:3 with 100% of production traffic; ECS bakes for 5 min: the rollback window stays open until the bake ends/,
    );
    expect(run.mutations).toEqual(WRITES);
    // It returned during the bake: its last call came after ECS entered BAKE_TIME and before CLEAN_UP
    // (judged from the simulator's timeline, not from its state after nx has exited).
    const stageAt = (stage: string) =>
      session!.sim.simulator.world.serviceDeploymentTimeline.find((e) => e.event === 'STAGE' && e.detail === stage)
        ?.simTime;
    const lastCall = run.calls.at(-1)!.simTime;
    expect(lastCall).toBeGreaterThanOrEqual(stageAt('BAKE_TIME')!);
    expect(lastCall).toBeLessThan(stageAt('CLEAN_UP') ?? Number.POSITIVE_INFINITY);
  });

  it('superseded by another deployer: SUPERSEDED (6), quoting ECS', async () => {
    // ECS's reason is read from Slipway's own service deployment, which the first poll must find while
    // it is still in progress (ListServiceDeployments lists ongoing ones): superseded 100 s (1 s real)
    // after the update, a late first poll on a loaded machine still finds it.
    session = await SimSession.start(apiScenario({ rollout: { kind: 'superseded', at: 100, byTag: 'v1.3.0' } }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'SUPERSEDED', 6);
    expect(run.mutations).toEqual(WRITES);
    expect(String(run.json!['message'])).toContain('(ECS: "Replaced by a new service deployment")');
  });

  it('the real circuit-breaker rollback, replayed: ROLLED_BACK (3), one UpdateService, quoting what ECS said and no FAILED it never said', async () => {
    session = await SimSession.start(circuitBreakerCaptureScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual(WRITES);
    const message = String(run.json!['message']);
    expect(message).toMatch(/"ECS deployment circuit breaker: rolling back to deploymentId ecs-svc\/\d{19}\."/);
    expect(message).toMatch(
      /event: "\(service api\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\."/,
    );
    expect(outputOf(run)).not.toContain('rollout FAILED');
  });

  it('refused before any change, exit 2, nothing written: an Express Mode service, a stage on a rolling service, nothing to continue', async () => {
    session = await SimSession.start(PRESETS['express']());
    const express = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(express, 'PREFLIGHT_FAILED', 2);
    expect(express.mutations).toEqual([]);
    expect(outputOf(express)).toContain('is an ECS Express Mode service (resourceManagementType ECS)');
    await session.close();

    session = await SimSession.start(apiScenario());
    const stage = await session.run('deploy', ['--version', NEW_VERSION, '--wait-until', 'stage:BAKE_TIME']);
    expectOutcome(stage, 'PREFLIGHT_FAILED', 2);
    expect(stage.mutations).toEqual([]);
    expect(outputOf(stage)).toContain('ROLLING deployments have no lifecycle stages; use --wait-until deployed');
    const nothing = await session.run('deploy-continue', []);
    expectOutcome(nothing, 'PREFLIGHT_FAILED', 2);
    expect(nothing.mutations).toEqual([]);
    expect(outputOf(nothing)).toContain('no deployment is in flight');
  });
});
