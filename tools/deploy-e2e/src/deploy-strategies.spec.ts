import { apiScenario, LIFECYCLE_STAGES, NEW_VERSION, PRESETS, SIM_ALARM } from '@slipway/ecs-simulator';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumGate } from './lib/chromium';
import { renderedDom } from './lib/rendered-dom';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';
import {
  blueGreenLongBakeScenario,
  canaryAlarmLongStepScenario,
  canaryLongStepScenario,
  linearLongStepsScenario,
  rollingEarlySuccessLongScenario,
  rollingLongAlarmBakeScenario,
} from './test-support/scenarios';

const WRITES = ['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)'];
const ORDER: readonly string[] = LIFECYCLE_STAGES;

/** When (real ms) the simulator's service deployment of this run got `status`. */
function statusAt(session: SimSession, status: string): number | undefined {
  return session.sim.simulator.world.serviceDeploymentTimeline.find(
    (e) => e.event === 'STATUS' && e.detail.startsWith(status),
  )?.realTime;
}

describe('nx run api:deploy follows the ECS service deployment of each strategy', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('blue/green healthy: stages in order, test then production traffic shift, bake; DEPLOYED (0), the rollout drawn in the step summary', async () => {
    session = await SimSession.start(blueGreenLongBakeScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.mutations).toEqual(WRITES);
    // ECS (the simulator) went through every stage of a deployment, test traffic shifted before production.
    const timeline = session.sim.simulator.world.serviceDeploymentTimeline;
    expect(timeline.filter((e) => e.event === 'STAGE').map((e) => e.detail)).toEqual(
      ORDER.filter((stage) => stage !== 'RECONCILE_SERVICE'),
    );
    expect(timeline.filter((e) => e.event === 'TRAFFIC').map((e) => e.detail)).toEqual([
      'test 100%',
      'production 100%',
    ]);
    // Slipway reports the stages its polls saw, in ECS's order. Stages of seconds (SCALE_UP, 20 s)
    // may pass between two polls of a loaded machine; the 5-minute bake cannot.
    const output = outputOf(run);
    const seen = [
      ...new Set([...output.matchAll(/ECS deployment IN_PROGRESS \(BLUE_GREEN\) at (\w+)/g)].map((m) => m[1])),
    ];
    expect(seen).toContain('BAKE_TIME');
    expect(seen).toEqual([...seen].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
    expect(output).toMatch(
      /at BAKE_TIME; production traffic api:3 100% \/ api:2 0%; test traffic api:3 100% \/ api:2 0%/,
    );
    expect(run.json).toMatchObject({
      strategy: 'BLUE_GREEN',
      deploymentId: expect.stringContaining(':service-deployment/'),
    });
    expect(String(run.json!['message'])).toMatch(/v1\.2\.0 is live on api:3: ECS deployment SUCCESSFUL, running 2\/2/);
    expect(run.stepSummary).toContain('xychart-beta\n  title "Production traffic on api:3 (%)"');
    expect(run.stepSummary).toContain('```mermaid\ngantt');
  });

  it('blue/green with an alarm in the bake: ECS rolls back; ROLLED_BACK (3) naming the alarm, no write of ours after UpdateService', async () => {
    session = await SimSession.start(PRESETS['blue-green-alarm']());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'ROLLED_BACK', 3);
    expect(run.mutations).toEqual(WRITES);
    expect(run.json).toMatchObject({
      rollback: { by: 'platform', status: 'COMPLETED', trigger: `alarm ${SIM_ALARM}`, revision: { label: 'api:2' } },
    });
    expect(String(run.json!['message'])).toContain(`alarm in ALARM: ${SIM_ALARM}`);
    expect(String(run.json!['message'])).toContain('ECS deployment alarms: api-5xx in ALARM state; rolling back.');
    expect(session.service().taskDefinition).toMatch(/api:2$/);
  });

  it('linear healthy: each step’s production traffic; DEPLOYED (0)', async () => {
    session = await SimSession.start(linearLongStepsScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'DEPLOYED', 0);
    const output = outputOf(run);
    for (const step of ['api:3 34% / api:2 66%', 'api:3 68% / api:2 32%', 'api:3 100% / api:2 0%'])
      expect(output).toContain(`production traffic ${step}`);
  });

  it('canary healthy: the canary step, then the rest; DEPLOYED (0)', async () => {
    session = await SimSession.start(canaryLongStepScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(outputOf(run)).toContain('production traffic api:3 10% / api:2 90%');
  });

  it('canary failing at its first step: ROLLED_BACK (3), traffic back on blue; the --report chart renders in headless Chromium', async () => {
    session = await SimSession.start(canaryAlarmLongStepScenario());
    const dir = await mkdtemp(join(tmpdir(), 'slipway-report-'));
    try {
      const report = join(dir, 'rollout.html');
      const run = await session.run('deploy', ['--version', NEW_VERSION, '--report', report]);
      expectOutcome(run, 'ROLLED_BACK', 3);
      expect(run.mutations).toEqual(WRITES);
      const output = outputOf(run);
      expect(output).toContain('production traffic api:3 10% / api:2 90%');
      expect(output).toMatch(
        /ECS deployment ROLLBACK_IN_PROGRESS \(CANARY\) at PRODUCTION_TRAFFIC_SHIFT; production traffic api:3 0% \/ api:2 100%/,
      );
      expect(output).toContain(`rolled back by the platform (alarm ${SIM_ALARM})`);
      expect(output).toContain(`report: ${report}`);

      const gate = chromiumGate();
      if (!gate.run) return console.warn(`skipped rendering the chart: ${gate.reason}`);
      // The page loads mermaid from node_modules (the pinned devDependency) and renders every block.
      const dom = await renderedDom(report);
      expect(dom).toContain('data-rendered="yes"');
      expect(dom.match(/aria-roledescription="(\w+)"/g)).toEqual([
        'aria-roledescription="xychart"',
        'aria-roledescription="xychart"',
        'aria-roledescription="gantt"',
      ]);
      expect(dom).toContain('Production traffic on api:3 (%)');
      expect(dom).toContain(`Alarm ${SIM_ALARM}`);
      expect(dom).toContain('ROLLBACK_SUCCESSFUL');
      expect(dom).not.toMatch(/Syntax error/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rolling with alarms: steady tasks are not "deployed" during ECS’s bake; DEPLOYED (0) only after it', async () => {
    session = await SimSession.start(rollingLongAlarmBakeScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(outputOf(run)).toMatch(
      /ECS deployment IN_PROGRESS \(ROLLING\); tasks api:3 2\/2 running, api:2 0\/2 running/,
    );
    const successful = statusAt(session, 'SUCCESSFUL')!;
    // Reported after ECS said SUCCESSFUL (which comes 300 s after the tasks were steady), not before.
    expect(run.exitedAt).toBeGreaterThan(successful);
  });

  it('rolling with early success: SUCCESSFUL at half the tasks; DEPLOYED (0), saying ECS keeps scaling in the background', async () => {
    session = await SimSession.start(rollingEarlySuccessLongScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(String(run.json!['message'])).toMatch(
      /by its early success criteria \(50% healthy: 2 of 4 tasks running when it completed\); ECS keeps scaling to 4 in the background/,
    );
  });

  it('an endpoint without the service-deployments API: the DescribeServices watch, said once; DEPLOYED (0)', async () => {
    session = await SimSession.start(
      apiScenario({ rollout: { kind: 'healthy', after: 60 }, serviceDeploymentsApi: false }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.mutations).toEqual(WRITES);
    const notes = outputOf(run).match(/note: this ECS endpoint has no service-deployments API/g) ?? [];
    expect(notes).toHaveLength(1);
    expect(run.calls.filter((c) => c.error === 'UnknownOperationException')).toHaveLength(1);
  });
});
