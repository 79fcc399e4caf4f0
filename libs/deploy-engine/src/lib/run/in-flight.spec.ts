import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '../errors';
import { writeReportFile } from '../report/report-file';
import { fakeFactory, rollout, STABLE_ROLLOUT } from '../test-support/fake-provider';
import {
  BLUE_GREEN_POLICY,
  deployment,
  DeploymentFakeProvider,
  seen,
  share,
} from '../test-support/platform-deployments';
import { SimulatedClock } from '../test-support/simulated-clock';
import type { EngineDeps } from './context';
import { runContinue, runDeploy, runRollback } from './run-deploy';

const root = mkdtempSync(join(tmpdir(), 'slipway-in-flight-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, 'deploy.json'),
  JSON.stringify({ environments: { production: { provider: 'fake', cluster: 'p' } } }),
);
const base = { config: 'deploy.json', environment: 'production' };
const HOOK = {
  id: 'ecs-pause-1',
  status: 'AWAITING_ACTION',
  expiresAt: new Date(Date.UTC(2026, 0, 1, 4)),
  timeoutAction: 'ROLLBACK',
};

function deps(provider: DeploymentFakeProvider, lines: string[] = []): EngineDeps {
  return {
    app: 'api',
    workspaceRoot: root,
    providers: [fakeFactory(provider)],
    env: {},
    log: (l) => lines.push(l),
    clock: new SimulatedClock(),
  };
}

function blueGreen(): DeploymentFakeProvider {
  const provider = new DeploymentFakeProvider();
  provider.patchTarget({ policy: BLUE_GREEN_POLICY, platformRollback: true });
  return provider;
}

describe('deploying through the platform’s deployment object', () => {
  it('stages, traffic and a bake: DEPLOYED once ECS says SUCCESSFUL, the rollout charted', async () => {
    const provider = blueGreen();
    const traffic = (w: number) => [
      share({ productionWeight: w }),
      share({ id: 'srv-1', label: 'app:1', role: 'source', productionWeight: 100 - w }),
    ];
    provider.observations = [
      seen(deployment({ stage: 'SCALE_UP' })),
      seen(deployment({ stage: 'PRODUCTION_TRAFFIC_SHIFT', revisions: traffic(100) })),
      seen(deployment({ stage: 'BAKE_TIME', revisions: traffic(100) })),
      seen(deployment({ status: 'SUCCESSFUL', stage: 'CLEAN_UP', revisions: traffic(100) })),
    ];
    const lines: string[] = [];
    const report = await runDeploy({ ...base, version: 'v1.2.0' }, deps(provider, lines));
    expect(report).toMatchObject({ outcome: 'DEPLOYED', deploymentId: 'sd-1', strategy: 'BLUE_GREEN' });
    expect(report.message).toBe('v1.2.0 is live on app:2: ECS deployment SUCCESSFUL, running 2/2');
    expect(report.timeline?.map((s) => s.stage)).toEqual([
      'SCALE_UP',
      'PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
    expect(lines.filter((l) => l.includes('ECS deployment'))).toHaveLength(4);

    const file = join(root, 'report.md');
    await writeReportFile(report, 'report.md', root);
    expect(readFileSync(file, 'utf8')).toContain('```mermaid\ngantt');
    await writeReportFile(report, join(root, 'report.html'), root);
    expect(readFileSync(join(root, 'report.html'), 'utf8')).toContain(
      `<script src="file://${root}/node_modules/mermaid/dist/mermaid.min.js">`,
    );
  });

  it('at a PAUSE hook: PAUSED (8) with the commands to decide; a stage target: STAGE_REACHED (0)', async () => {
    const provider = blueGreen();
    provider.observations = [seen(deployment({ stage: 'POST_TEST_TRAFFIC_SHIFT', hooks: [HOOK] }))];
    const paused = await runDeploy({ ...base, version: 'v1.2.0' }, deps(provider));
    expect(paused).toMatchObject({ outcome: 'PAUSED', exitCode: 8 });
    expect(paused.nextSteps[0]).toBe('npx nx run api:deploy-continue -- --environment production');

    const staged = blueGreen();
    staged.observations = [seen(deployment({ stage: 'BAKE_TIME', revisions: [share({ productionWeight: 100 })] }))];
    const reached = await runDeploy({ ...base, version: 'v1.2.0', waitUntil: 'stage:BAKE_TIME' }, deps(staged));
    expect(reached).toMatchObject({ outcome: 'STAGE_REACHED', exitCode: 0 });
    expect(reached.message).toMatch(
      /^v1\.2\.0 reached BAKE_TIME on app:2 with 100% of production traffic; ECS bakes for 10 min/,
    );
  });

  it('refuses what cannot work before any change: the provider’s refusals, a stage the strategy lacks', async () => {
    const provider = blueGreen();
    provider.patchTarget({ policy: { ...BLUE_GREEN_POLICY, refusals: ['api is an ECS Express Mode service'] } });
    const refused = await runDeploy({ ...base, version: 'v1.2.0', waitUntil: 'stage:NOPE' }, deps(provider));
    expect(refused).toMatchObject({ outcome: 'PREFLIGHT_FAILED', exitCode: 2 });
    expect(refused.message).toMatch(
      /^api is an ECS Express Mode service\. --wait-until stage:NOPE: BLUE_GREEN deployments have no stage NOPE/,
    );
    expect(provider.mutations()).toEqual([]);
  });

  it('fails fast on its own rules, then has ECS roll back with StopServiceDeployment and follows it', async () => {
    const provider = blueGreen();
    const crashed = { id: 't1', category: 'pull' as const, reason: 'CannotPullContainerError', containers: [] };
    provider.observations = [
      { ...seen(deployment()), stoppedTasks: [crashed] },
      seen(deployment()),
      seen(
        deployment({ status: 'ROLLBACK_IN_PROGRESS', statusReason: 'Rollback requested by StopServiceDeployment.' }),
      ),
      seen(deployment({ status: 'ROLLBACK_SUCCESSFUL', statusReason: 'Rollback requested by StopServiceDeployment.' })),
    ];
    const report = await runDeploy({ ...base, version: 'v1.2.0' }, deps(provider));
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      rollback: { by: 'slipway', status: 'COMPLETED', rolloutId: 'sd-1' },
    });
    expect(provider.decisions).toEqual(['stop sd-1']);
    expect(provider.mutations()).toEqual(['apply']);
  });

  it('follows a rollback ECS runs itself; a deployment ECS could not roll back is FAILED (4)', async () => {
    const provider = blueGreen();
    provider.observations = [
      seen(
        deployment({
          status: 'ROLLBACK_IN_PROGRESS',
          statusReason: 'x',
          alarms: { status: 'TRIGGERED', names: ['a'], triggered: ['a'] },
        }),
      ),
      seen(
        deployment({
          status: 'ROLLBACK_SUCCESSFUL',
          statusReason: 'x',
          alarms: { status: 'TRIGGERED', names: ['a'], triggered: ['a'] },
        }),
      ),
    ];
    const report = await runDeploy({ ...base, version: 'v1.2.0' }, deps(provider));
    expect(report).toMatchObject({ outcome: 'ROLLED_BACK', rollback: { by: 'platform', trigger: 'alarm a' } });
    expect(report.message).toContain('rolled back by the platform (alarm a)');

    const stuck = blueGreen();
    stuck.observations = [seen(deployment({ status: 'ROLLBACK_FAILED', statusReason: 'nothing to go back to' }))];
    expect(await runDeploy({ ...base, version: 'v1.2.0' }, deps(stuck))).toMatchObject({
      outcome: 'FAILED',
      exitCode: 4,
    });
  });

  it('a STOPPED deployment (no rollback configured) is restored by redeploying the previous revision', async () => {
    const provider = blueGreen();
    provider.observations = [
      seen(deployment({ status: 'STOPPED', statusReason: 'ECS deployment circuit breaker: tasks failed to start.' })),
      seen(deployment({ status: 'STOPPED' })),
      {
        ...seen(deployment({ id: 'sd-2', status: 'SUCCESSFUL' })),
        rollouts: [
          rollout({ id: 'r-back', revisionId: 'rev-1', revisionLabel: 'app:1', state: 'COMPLETED', running: 2 }),
        ],
      },
    ];
    const report = await runDeploy({ ...base, version: 'v1.2.0' }, deps(provider));
    expect(provider.restoredTo).toEqual(['rev-1']);
    expect(report).toMatchObject({ outcome: 'ROLLED_BACK', rollback: { by: 'slipway', status: 'COMPLETED' } });
  });
});

describe('decisions on a deployment in flight', () => {
  function paused() {
    const provider = blueGreen();
    provider.patchTarget({
      inFlight: deployment({ stage: 'POST_TEST_TRAFFIC_SHIFT', hooks: [HOOK] }),
      rollouts: [rollout(), { ...STABLE_ROLLOUT, primary: false }],
    });
    return provider;
  }

  it('deploy-continue answers CONTINUE at the hook and watches to the end', async () => {
    const provider = paused();
    provider.observations = [seen(deployment({ status: 'SUCCESSFUL' }))];
    const report = await runContinue(base, deps(provider));
    expect(report).toMatchObject({ command: 'deploy-continue', outcome: 'DEPLOYED', deploymentId: 'sd-1' });
    expect(provider.decisions).toEqual(['continue sd-1 ecs-pause-1 CONTINUE']);
  });

  it('deploy-continue refuses, exit 2 and no decision, when nothing waits for one', async () => {
    const provider = blueGreen();
    expect(await runContinue(base, deps(provider))).toMatchObject({ outcome: 'PREFLIGHT_FAILED', exitCode: 2 });
    provider.patchTarget({ inFlight: deployment({ stage: 'SCALE_UP' }) });
    const busy = await runContinue(base, deps(provider));
    expect(busy.message).toMatch(/^sd-1 is IN_PROGRESS at SCALE_UP and no PAUSE hook awaits a decision/);
    provider.patchTarget({ policy: { ...BLUE_GREEN_POLICY, followable: false } });
    expect((await runContinue(base, deps(provider))).message).toMatch(/needs the ECS service-deployments API/);
    expect(provider.decisions).toEqual([]);
  });

  it('rollback answers ROLLBACK at a hook, or stops a deployment in progress; REVERTED (0) once ECS rolled it back', async () => {
    const provider = paused();
    provider.observations = [
      seen(deployment({ status: 'ROLLBACK_SUCCESSFUL', hooks: [{ ...HOOK, status: 'FAILED' }] })),
    ];
    const report = await runRollback(base, deps(provider));
    expect(report).toMatchObject({ command: 'rollback', outcome: 'REVERTED', exitCode: 0 });
    expect(report.message).toMatch(
      /^ECS rolled sd-1 back on request \(hook ecs-pause-1 FAILED\): app:1 \(v1\.1\.0\) serves again$/,
    );
    expect(provider.decisions).toEqual(['continue sd-1 ecs-pause-1 ROLLBACK']);

    const running = blueGreen();
    running.patchTarget({ inFlight: deployment() });
    running.observations = [seen(deployment({ status: 'ROLLBACK_SUCCESSFUL' }))];
    expect(await runRollback(base, deps(running))).toMatchObject({ outcome: 'REVERTED' });
    expect(running.decisions).toEqual(['stop sd-1']);
  });

  it('rollback --to with a deployment in flight is refused; a refused decision changes nothing (exit 2)', async () => {
    const provider = paused();
    expect(await runRollback({ ...base, to: 'v1.0.0' }, deps(provider))).toMatchObject({ outcome: 'INVALID_INPUT' });
    const refusing = blueGreen();
    refusing.patchTarget({ inFlight: deployment() });
    refusing.stopError = new ProviderError('access-denied', 'AccessDeniedException: no', 'ecs:StopServiceDeployment');
    const refused = await runRollback(base, deps(refusing));
    expect(refused).toMatchObject({ outcome: 'APPLY_REFUSED', exitCode: 2 });
  });
});
