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
    session = await SimSession.start(
      apiScenario({ faults: [{ operation: 'DescribeServices', error: 'AccessDeniedException' }] }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectOutcome(run, 'PREFLIGHT_FAILED', 2);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toMatch(/not authorized|AccessDenied|access denied/i);
  });

  it('AccessDenied on UpdateService: APPLY_REFUSED (2); nothing running changed, and the revision registered just before is named unused', async () => {
    session = await SimSession.start(
      apiScenario({ faults: [{ operation: 'UpdateService', error: 'AccessDeniedException' }] }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'APPLY_REFUSED', 2);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)!AccessDeniedException']);
    expect(run.json).toMatchObject({ unusedRevision: { label: 'api:3', version: NEW_VERSION } });
    expect(run.json!['newRevision']).toBeUndefined();
    expect(run.githubOutput['unused-revision']).toMatch(/task-definition\/api:3$/);
    const output = outputOf(run);
    expect(output).toContain('ecs:UpdateService was refused: AccessDeniedException');
    expect(output).toContain(
      'Nothing running changed: ECS service api in cluster sim-cluster (eu-west-1) stays on api:2 (v1.1.0).',
    );
    expect(output).toContain('aws ecs deregister-task-definition --region eu-west-1 --task-definition api:3');
    expect(session.service().taskDefinition).toMatch(/api:2$/);
    // Nothing is deregistered: the revision that runs, nor the unused one.
    expect(session.sim.simulator.snapshot().taskDefinitions.map((td) => td.status)).toEqual([
      'ACTIVE',
      'ACTIVE',
      'ACTIVE',
    ]);
  });

  it('AccessDenied on RegisterTaskDefinition: APPLY_REFUSED (2); nothing was changed at all', async () => {
    session = await SimSession.start(
      apiScenario({ faults: [{ operation: 'RegisterTaskDefinition', error: 'AccessDeniedException' }] }),
    );
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectOutcome(run, 'APPLY_REFUSED', 2);
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)!AccessDeniedException']);
    expect(run.json!['unusedRevision']).toBeUndefined();
    expect(outputOf(run)).toContain(
      'Nothing was changed: ECS service api in cluster sim-cluster (eu-west-1) stays on api:2 (v1.1.0).',
    );
  });

  it('a deployment already in progress: REFUSED_IN_PROGRESS (7), nothing written', async () => {
    session = await SimSession.start(apiScenario({ inProgress: true }));
    const run = await session.run('deploy', ['--version', 'v1.3.0']);
    expectOutcome(run, 'REFUSED_IN_PROGRESS', 7);
    expect(run.mutations).toEqual([]);
    expect(outputOf(run)).toMatch(/another deployment is in progress.*--force/);
  });
});
