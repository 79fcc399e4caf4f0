import { apiScenario, NEW_VERSION } from '@slipway/ecs-simulator';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';

describe('nx run api:deploy against the ECS simulator: pre-flight refusals change nothing', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('no version after "--": INVALID_INPUT (2) before any call', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('deploy', []);
    expectOutcome(run, 'INVALID_INPUT', 2);
    expect(outputOf(run)).toContain('pass it after "--": nx run api:deploy -- --version vX.Y.Z');
    expect(run.calls).toEqual([]);
  });

  it('a tag missing from ECR: PREFLIGHT_FAILED (2), nearest versions offered, nothing written', async () => {
    session = await SimSession.start(apiScenario({ withoutNewVersion: true }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(String(run.json!['message'])).toContain(NEW_VERSION);
    expect(run.json!['nearestVersions']).toEqual(expect.arrayContaining(['v1.1.0', 'v1.3.0']));
  });

  it('a missing service: PREFLIGHT_FAILED (2) naming it, nothing written', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--service', 'nope']);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toMatch(/service nope not found in cluster sim-cluster/);
  });

  it('a missing cluster: PREFLIGHT_FAILED (2), nothing written', async () => {
    session = await SimSession.start(apiScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--cluster', 'nope']);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(run.calls.map((c) => c.error).filter(Boolean)).toContain('ClusterNotFoundException');
    expect(outputOf(run)).toMatch(/[Cc]luster/);
  });

  it('AccessDenied on DescribeServices: PREFLIGHT_FAILED (2), nothing written', async () => {
    session = await SimSession.start(apiScenario({ faults: [{ operation: 'DescribeServices', error: 'AccessDeniedException' }] }));
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toMatch(/not authorized|AccessDenied|access denied/i);
  });

  it('AccessDenied on UpdateService: PREFLIGHT_FAILED (2), the service is not updated (only a new revision was registered)', async () => {
    session = await SimSession.start(apiScenario({ faults: [{ operation: 'UpdateService', error: 'AccessDeniedException' }] }));
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)!AccessDeniedException']);
    expect(outputOf(run)).toMatch(/UpdateService was refused/);
    expect(session.service().taskDefinition).toMatch(/api:2$/);
  });

  it('a deployment already in progress: REFUSED_IN_PROGRESS (7), nothing written', async () => {
    session = await SimSession.start(apiScenario({ inProgress: true }));
    const run = await session.run('deploy', ['--version', 'v1.3.0']);
    expectOutcome(run, 'REFUSED_IN_PROGRESS', 7);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toMatch(/another deployment is in progress.*--force/);
  });
});
