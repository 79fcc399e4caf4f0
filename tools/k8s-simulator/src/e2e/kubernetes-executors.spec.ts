import { kubectlGate } from '@slipway/testing';
import { commitOf } from '../lib/registry';
import { apiScenario, NEW_VERSION } from '../lib/presets';
import { type ExecutorRun, ExecutorSession, expectExit } from '../test-support/executor-session';
import {
  expectRolledBackLikeKubectl,
  expectRolledOut,
  expectRunning,
  historyOf,
} from '../test-support/kubectl-verdicts';

const gate = kubectlGate();
if (!gate.run) console.warn(`kubernetes executors: the kubectl checks are skipped: ${gate.reason}`);

/**
 * `nx run api:deploy|rollback|deploy-status` and `bin/slipway.js` with the `kubernetes`
 * environment, against the simulator: the exit code of every scenario, and what a real kubectl
 * makes of the Deployment the run left (`rollout status`, `rollout history`, `rollout undo`).
 */
describe('deploy executors with the kubernetes provider', () => {
  let session: ExecutorSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  const patchCount = (run: { writes: { method: string; status: number }[] }) =>
    run.writes.filter((w) => w.method === 'PATCH' && w.status === 200).length;
  const imageOf = (s: ExecutorSession, version: string) => s.sim.simulator.world.imageOf('slipway/api', version);
  const slipwayCause = (version: string, digest: string) =>
    `slipway deploy ${version} (${digest}) from commit ${commitOf(version).slice(0, 12)}`;

  describe('nx run api:deploy, healthy rollout', () => {
    // One deploy for two cases: nothing in the first changes the Deployment.
    let deployed: ExecutorSession;
    let run: ExecutorRun;
    beforeAll(async () => {
      deployed = await ExecutorSession.start(apiScenario());
      run = await deployed.run('deploy', ['--version', NEW_VERSION, '--json'], 'nx');
    });
    afterAll(() => deployed?.close());

    it('DEPLOYED (0), one patch; deploy-status then shows the new version', async () => {
      expectExit(run, 'DEPLOYED', 0);
      expect(run.json).toMatchObject({
        provider: 'kubernetes',
        newRevision: { label: 'api revision 3', version: NEW_VERSION },
      });
      expect(patchCount(run)).toBe(1);
      const digest = String(run.json?.['digest']);
      await deployed.judge(async (kubectl) => {
        await expectRolledOut(kubectl);
        await expectRunning(kubectl, `${deployed.sim.registryHost}/slipway/api@${digest}`);
        expect(await historyOf(kubectl)).toEqual([
          { revision: 1, cause: 'slipway deploy v1.0.0' },
          { revision: 2, cause: 'slipway deploy v1.1.0' },
          { revision: 3, cause: slipwayCause(NEW_VERSION, digest) },
        ]);
      });
      const status = await deployed.run('deploy-status', []);
      expectExit(status, 'REPORTED', 0);
      expect(status.stdout).toMatch(/kubernetes\s+v1\.2\.0\s+sha256:\w+\s+api revision 3\s+COMPLETED 2\/2/);
      expect(status.writes).toEqual([]);
    });

    // kubectl changes the Deployment, Slipway reads it (skipped outside CI where kubectl cannot be had).
    (gate.run ? it : it.skip)(
      "then the user's own kubectl rollout undo: a deploy takes the undone revision for the stable one",
      async () => {
        expectExit(run, 'DEPLOYED', 0);
        await deployed.judge(async (kubectl) => {
          await kubectl.ok('rollout', 'undo', 'deployment/api');
          await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
        });
        const status = await deployed.run('deploy-status', []);
        expect(status.stdout).toMatch(/kubernetes\s+v1\.1\.0\s+sha256:\w+\s+api revision 4\s+COMPLETED 2\/2/);
        const next = await deployed.run('deploy', ['--version', 'v1.3.0', '--json']);
        expectExit(next, 'DEPLOYED', 0);
        expect(next.json).toMatchObject({
          previousRevision: { label: 'api revision 4', version: 'v1.1.0' },
          newRevision: { label: 'api revision 5', version: 'v1.3.0' },
        });
        await deployed.judge(async (kubectl) => {
          await expectRolledOut(kubectl);
          expect((await historyOf(kubectl)).map((row) => `${row.revision} ${row.cause.split(' (')[0]}`)).toEqual([
            '1 slipway deploy v1.0.0',
            '3 slipway deploy v1.2.0',
            '4 slipway deploy v1.1.0',
            '5 slipway deploy v1.3.0',
          ]);
        });
      },
    );
  });

  it.each([
    [
      'crash loop',
      { rollout: { kind: 'crashLoop', exitCode: 2 } } as const,
      [],
      'ROLLED_BACK',
      3,
      /\[(CrashLoopBackOff|Error)\].*api exit 2 \(Error\)/,
    ],
    [
      'image pull error',
      { rollout: { kind: 'imagePullError' } } as const,
      [],
      'ROLLED_BACK',
      3,
      /stopped \(pull\) \[(ErrImagePull|ImagePullBackOff)\]/,
    ],
    [
      'progress deadline exceeded, --no-rollback',
      { rollout: { kind: 'neverReady' } } as const,
      ['--no-rollback'],
      'FAILED',
      4,
      /rollout FAILED: ProgressDeadlineExceeded/,
    ],
    [
      'a rollout slower than --timeout',
      // Only --timeout can end it: a progress deadline of seconds could pass first on a loaded machine.
      { rollout: { kind: 'neverReady' }, seed: { progressDeadlineSeconds: 600 } } as const,
      ['--timeout', '300ms'],
      'TIMED_OUT',
      5,
      /not completed within/,
    ],
  ])('bin/slipway.js deploy, %s', async (_name, scenario, flags, outcome, code, said) => {
    session = await ExecutorSession.start(apiScenario(scenario));
    const run = await session.run('deploy', ['--version', NEW_VERSION, ...flags]);
    expectExit(run, outcome, code);
    expect(`${run.stdout}${run.stderr}`).toMatch(said);
    expect(patchCount(run)).toBe(code === 4 ? 1 : 2);
    await session.judge(async (kubectl) => {
      if (code === 4) {
        // Left as it failed: kubectl agrees the rollout failed.
        expect(await kubectl.run('rollout', 'status', 'deployment/api', '--timeout=10s')).toMatchObject({
          code: 1,
          stderr: 'error: deployment "api" exceeded its progress deadline\n',
        });
        return;
      }
      await expectRolledBackLikeKubectl(session!, kubectl, NEW_VERSION);
    });
  });

  it('bin/slipway.js rollback: back to the version recorded before the running one: DEPLOYED (0)', async () => {
    session = await ExecutorSession.start(apiScenario());
    const run = await session.run('rollback', ['--json']);
    expectExit(run, 'DEPLOYED', 0);
    expect(run.json).toMatchObject({ command: 'rollback', version: 'v1.0.0' });
    await session.judge(async (kubectl) => {
      await expectRolledOut(kubectl);
      await expectRunning(kubectl, imageOf(session!, 'v1.0.0'));
      // Revision 1's ReplicaSet is reused and renumbered 3, as the controller does.
      expect(await historyOf(kubectl)).toEqual([
        { revision: 2, cause: 'slipway deploy v1.1.0' },
        { revision: 3, cause: slipwayCause('v1.0.0', String(run.json?.['digest'])) },
      ]);
    });
  });

  it.each([
    [
      'a missing deployment',
      apiScenario({ withoutDeployment: true }),
      /deployment api not found in namespace slipway/,
      /Error from server \(NotFound\): deployments\.apps "api" not found/,
    ],
    [
      'a missing namespace',
      apiScenario({ withoutDeployment: true, namespaces: [] }),
      /namespace slipway does not exist/,
      /Error from server \(NotFound\): namespaces "slipway" not found/,
    ],
  ])('bin/slipway.js deploy, %s: PREFLIGHT_FAILED (2), nothing written', async (_name, scenario, said, kubectlSays) => {
    session = await ExecutorSession.start(scenario);
    const run = await session.run('deploy', ['--version', NEW_VERSION]);
    expectExit(run, 'PREFLIGHT_FAILED', 2);
    expect(run.stdout).toMatch(said);
    expect(run.writes).toEqual([]);
    await session.judge(async (kubectl) => {
      const target = scenario.namespaces?.length ? ['get', 'deployment', 'api'] : ['get', 'namespace', 'slipway'];
      expect((await kubectl.run(...target)).stderr).toMatch(kubectlSays);
    });
  });

  it('nx run api:deploy, forbidden to patch: the refusal (2) is in every channel, Nx exits 1, nothing changed', async () => {
    session = await ExecutorSession.start(apiScenario({ forbidden: ['patch deployments'] }));
    const run = await session.run('deploy', ['--version', NEW_VERSION], 'nx');
    expectExit(run, 'APPLY_REFUSED', 2);
    expect(run.stdout).toMatch(/cannot patch resource "deployments" in API group "apps" in the namespace "slipway"/);
    expect(run.writes.map((w) => w.status)).toEqual([403]);
    await session.judge(async (kubectl) => {
      await expectRolledOut(kubectl);
      await expectRunning(kubectl, imageOf(session!, 'v1.1.0'));
      expect((await historyOf(kubectl)).map((row) => row.revision)).toEqual([1, 2]);
    });
  });
});

/**
 * The other way round: a user changes the Deployment with kubectl, and Slipway has to read what
 * kubectl left. Skipped outside CI where kubectl cannot be had (CI=true makes them mandatory).
 */
(gate.run ? describe : describe.skip)('kubectl changes the Deployment, Slipway reads it', () => {
  let session: ExecutorSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  const imageOf = (s: ExecutorSession, version: string) => s.sim.simulator.world.imageOf('slipway/api', version);

  it('kubectl set image drives a rollout; deploy-status reads it without the version Slipway recorded for another image', async () => {
    session = await ExecutorSession.start(apiScenario());
    const image = imageOf(session, 'v1.3.0');
    await session.judge(async (kubectl) => {
      await kubectl.ok('set', 'image', 'deployment/api', `api=${image}`);
      await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
    });
    const status = await session.run('deploy-status', ['--json']);
    expectExit(status, 'REPORTED', 0);
    const [environment] = status.json?.['environments'] as Record<string, unknown>[];
    expect(environment).toMatchObject({
      image,
      revision: 'api revision 3',
      rolloutState: 'COMPLETED',
      running: 2,
    });
    // The controller copied Slipway's v1.1.0 annotations to kubectl's ReplicaSet; they are not its own.
    expect([environment['version'], environment['commit']]).toEqual([undefined, undefined]);

    const run = await session.run('deploy', ['--version', NEW_VERSION, '--json']);
    expectExit(run, 'DEPLOYED', 0);
    expect(run.json).toMatchObject({ previousRevision: { label: 'api revision 3' } });
    expect((run.json?.['previousRevision'] as { version?: string }).version).toBeUndefined();
  });
});
