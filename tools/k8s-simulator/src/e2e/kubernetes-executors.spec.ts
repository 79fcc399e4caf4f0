import { apiScenario, NEW_VERSION } from '../lib/presets';
import { ExecutorSession, expectExit } from '../test-support/executor-session';

/**
 * `nx run api:deploy|rollback|deploy-status` and `bin/slipway.js` with the `kubernetes`
 * environment, against the simulator: the exit code of every scenario.
 */
describe('deploy executors with the kubernetes provider', () => {
  let session: ExecutorSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  const patchCount = (run: { writes: { method: string; status: number }[] }) =>
    run.writes.filter((w) => w.method === 'PATCH' && w.status === 200).length;

  it('nx run api:deploy, healthy rollout: DEPLOYED (0), one patch; deploy-status then shows the new version', async () => {
    session = await ExecutorSession.start(apiScenario());
    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json'], 'nx');
    expectExit(run, 'DEPLOYED', 0);
    expect(run.json).toMatchObject({
      provider: 'kubernetes',
      newRevision: { label: 'api revision 3', version: NEW_VERSION },
    });
    expect(patchCount(run)).toBe(1);
    const status = await session.run('deploy-status', []);
    expectExit(status, 'REPORTED', 0);
    expect(status.stdout).toMatch(/kubernetes\s+v1\.2\.0\s+sha256:\w+\s+api revision 3\s+COMPLETED 2\/2/);
    expect(status.writes).toEqual([]);
  });

  it.each([
    [
      'crash loop',
      { kind: 'crashLoop', exitCode: 2 } as const,
      [],
      'ROLLED_BACK',
      3,
      /\[CrashLoopBackOff\].*api exit 2 \(Error\)/,
    ],
    [
      'image pull error',
      { kind: 'imagePullError' } as const,
      [],
      'ROLLED_BACK',
      3,
      /stopped \(pull\) \[(ErrImagePull|ImagePullBackOff)\]/,
    ],
    [
      'progress deadline exceeded, --no-rollback',
      { kind: 'neverReady' } as const,
      ['--no-rollback'],
      'FAILED',
      4,
      /rollout FAILED: ProgressDeadlineExceeded/,
    ],
    [
      'a rollout slower than --timeout',
      { kind: 'neverReady' } as const,
      ['--timeout', '300ms'],
      'TIMED_OUT',
      5,
      /not completed within/,
    ],
  ])('bin/slipway.js deploy, %s', async (_name, rollout, flags, outcome, code, said) => {
    session = await ExecutorSession.start(apiScenario({ rollout }));
    const run = await session.run('deploy', ['--version', NEW_VERSION, ...flags]);
    expectExit(run, outcome, code);
    expect(`${run.stdout}${run.stderr}`).toMatch(said);
    expect(patchCount(run)).toBe(code === 4 ? 1 : 2);
  });

  it('bin/slipway.js rollback: back to the version recorded before the running one: DEPLOYED (0)', async () => {
    session = await ExecutorSession.start(apiScenario());
    const run = await session.run('rollback', ['--json']);
    expectExit(run, 'DEPLOYED', 0);
    expect(run.json).toMatchObject({ command: 'rollback', version: 'v1.0.0' });
  });

  it.each([
    ['a missing deployment', apiScenario({ withoutDeployment: true }), /deployment api not found in namespace slipway/],
    [
      'a missing namespace',
      apiScenario({ withoutDeployment: true, namespaces: [] }),
      /namespace slipway does not exist/,
    ],
  ])('bin/slipway.js deploy, %s: PREFLIGHT_FAILED (2), nothing written', async (_name, scenario, said) => {
    session = await ExecutorSession.start(scenario);
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectExit(run, 'PREFLIGHT_FAILED', 2);
    expect(run.stdout).toMatch(said);
    expect(run.writes).toEqual([]);
  });

  it('nx run api:deploy, forbidden to patch: the refusal (2) is in every channel, Nx exits 1, nothing changed', async () => {
    session = await ExecutorSession.start(apiScenario({ forbidden: ['patch deployments'] }));
    const run = await session.run('deploy', ['--version', NEW_VERSION], 'nx');
    expectExit(run, 'APPLY_REFUSED', 2);
    expect(run.stdout).toMatch(/cannot patch resource "deployments" in API group "apps" in the namespace "slipway"/);
    expect(run.writes.map((w) => w.status)).toEqual([403]);
  });
});
