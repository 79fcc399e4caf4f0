import { apiScenario, digestOf } from '@slipway/ecs-simulator';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';

describe('nx run api:rollback and api:deploy-status against the ECS simulator', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('rollback without --to: redeploys the version recorded before the running one (v1.0.0), digest-pinned', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('rollback', ['--json']);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.json).toMatchObject({ command: 'rollback', version: 'v1.0.0', digest: digestOf('v1.0.0') });
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.0.0)', 'UpdateService(api:3)']);
    expect(outputOf(run)).toMatch(/previous version: v1\.0\.0 \(api:1\)/);
  });

  it('rollback --to v1.3.0 deploys exactly that release', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('rollback', ['--to', 'v1.3.0']);
    expectOutcome(run, 'DEPLOYED', 0);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.3.0)', 'UpdateService(api:3)']);
  });

  it('rollback with nothing recorded: PREFLIGHT_FAILED (2) asking for --to, nothing written', async () => {
    session = await SimSession.start(apiScenario({ withoutSlipwayTags: true }));
    const run = await session.run('rollback', []);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toContain('--to vX.Y.Z');
  });

  it('deploy-status: version, digest, revision and rollout state of the environment, read-only', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('deploy-status', []);
    expectOutcome(run, 'REPORTED', 0);
    expect(run.mutations).toEqual([]);
    const row = outputOf(run)
      .split('\n')
      .find((line) => line.startsWith('sim '));
    expect(row).toMatch(
      new RegExp(`^sim\\s+v1\\.1\\.0\\s+${digestOf('v1.1.0').slice(0, 19)}\\s+api:2\\s+COMPLETED 2/2`),
    );
  });
});
