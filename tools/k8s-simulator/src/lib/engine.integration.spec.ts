import { commitOf } from './registry';
import { apiScenario, NEW_VERSION } from './presets';
import { EngineSession } from '../test-support/engine-run';

/**
 * The engine, the real provider and @kubernetes/client-node over HTTP against the simulator, in
 * simulated time (10 ms per second). Each test names the outcome, the writes, and what was said.
 */
describe('deploy to a Kubernetes Deployment (engine + provider + client-node + simulator)', () => {
  let session: EngineSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  /** A progress deadline (6 s real) no run reaches, however loaded the machine: the test ends the rollout. */
  const FAR_DEADLINE = { progressDeadlineSeconds: 600 };

  const patches = (run: { writes: { method: string; body?: unknown }[] }) =>
    run.writes.map((w) => (w.body as { op: string; path: string }[]).map((op) => `${op.op} ${op.path}`));

  it('healthy rollout: DEPLOYED after a rolling update; only the image and the annotations change', async () => {
    session = await EngineSession.start(apiScenario());
    const before = session.deployment();
    const run = await session.deploy({ version: NEW_VERSION });
    expect(run.report).toMatchObject({
      outcome: 'DEPLOYED',
      exitCode: 0,
      commit: commitOf(NEW_VERSION),
      newRevision: { label: 'api revision 3', version: NEW_VERSION },
      previousRevision: { label: 'api revision 2', version: 'v1.1.0' },
    });
    expect(run.writes.map((w) => `${w.method} ${w.path} ${w.contentType}`)).toEqual([
      'PATCH /apis/apps/v1/namespaces/slipway/deployments/api application/json-patch+json',
    ]);
    const after = session.deployment();
    const image = `${session.sim.registryHost}/slipway/api@${run.report.digest}`;
    expect(after.spec.template.spec.containers[0].image).toBe(image);
    expect({ ...after.spec, template: undefined }).toEqual({ ...before.spec, template: undefined });
    expect(after.metadata.annotations).toMatchObject({
      'kubernetes.io/change-cause': `slipway deploy v1.2.0 (${run.report.digest}) from commit ${commitOf(NEW_VERSION).slice(0, 12)}`,
      'slipway.dev/version': NEW_VERSION,
      'slipway.dev/commit': commitOf(NEW_VERSION),
      'deployment.kubernetes.io/revision': '3',
    });
    const replicaSet = session.sim.simulator
      .snapshot()
      .replicaSets.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '3')!;
    expect(replicaSet.metadata.annotations?.['slipway.dev/version']).toBe(NEW_VERSION);
    expect(after.status).toMatchObject({
      observedGeneration: 3,
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
    });
  });

  it('crash loop: fails at the first crash (exit or CrashLoopBackOff) with the exit code, and rolls back like kubectl rollout undo: ROLLED_BACK', async () => {
    session = await EngineSession.start(apiScenario({ rollout: { kind: 'crashLoop', exitCode: 3 } }));
    const run = await session.deploy({ version: NEW_VERSION });
    expect(run.report).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      rollback: { by: 'slipway', status: 'COMPLETED', revision: { label: 'api revision 2' } },
    });
    // Watching, Slipway may see the container exit before the kubelet's back-off; either stops it.
    expect(run.output).toMatch(
      /stopped \(essential-exit\) \[(CrashLoopBackOff\]: CrashLoopBackOff: back-off \d+s restarting failed container=api .*|Error\]: container api exited with code 3 \(Error\)); api exit 3 \(Error\)/,
    );
    expect(patches(run)).toEqual([
      expect.arrayContaining(['replace /spec/template/spec/containers/0/image']),
      ['test /metadata/generation', 'replace /spec/template', 'add /metadata/annotations'],
    ]);
    const after = session.deployment();
    expect(after.metadata.annotations).toMatchObject({
      'slipway.dev/version': 'v1.1.0',
      'deployment.kubernetes.io/revision': '4',
    });
    expect(after.status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2, replicas: 2 });
  });

  it('image pull error: fails at once on ErrImagePull/ImagePullBackOff and rolls back: ROLLED_BACK', async () => {
    session = await EngineSession.start(apiScenario({ rollout: { kind: 'imagePullError' } }));
    const run = await session.deploy({ version: NEW_VERSION, json: true });
    expect(run.report).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3 });
    expect(run.report.stoppedTasks?.[0]).toMatchObject({
      category: 'pull',
      code: expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/),
      reason: expect.stringMatching(
        /^(ErrImagePull: failed to pull and unpack image|ImagePullBackOff: Back-off pulling image)/,
      ),
    });
  });

  it('progress deadline exceeded (pods never ready): FAILED rollout, rolled back: ROLLED_BACK; without rollback: FAILED', async () => {
    session = await EngineSession.start(apiScenario({ rollout: { kind: 'neverReady' } }));
    const run = await session.deploy({ version: NEW_VERSION });
    expect(run.report).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3 });
    expect(run.report.message).toMatch(
      /rollout FAILED: ProgressDeadlineExceeded: ReplicaSet "api-\w+" has timed out progressing\./,
    );
    await session.close();

    session = await EngineSession.start(apiScenario({ rollout: { kind: 'neverReady' } }));
    const kept = await session.deploy({ version: NEW_VERSION, rollback: false });
    expect(kept.report).toMatchObject({ outcome: 'FAILED', exitCode: 4, rollback: { status: 'DISABLED' } });
    expect(kept.writes).toHaveLength(1);
  });

  it('a timeout shorter than the deadline: TIMED_OUT, and the previous revision is restored', async () => {
    session = await EngineSession.start(apiScenario({ rollout: { kind: 'neverReady' }, seed: FAR_DEADLINE }));
    // The timeout is real time from when the rollout is registered; the progress deadline is
    // simulated time from the patch: at 60 s (600 ms) a loaded run met it before its 300 ms timeout.
    const run = await session.deploy({ version: NEW_VERSION, timeout: '300ms' });
    expect(run.report).toMatchObject({ outcome: 'TIMED_OUT', exitCode: 5, rollback: { status: 'COMPLETED' } });
  });

  it('rollback: back to the version recorded before the running one, by the same path', async () => {
    session = await EngineSession.start(apiScenario());
    const run = await session.rollback();
    expect(run.report).toMatchObject({ command: 'rollback', outcome: 'DEPLOYED', version: 'v1.0.0' });
    expect(run.output).toMatch(/previous version: v1\.0\.0 \(api revision 1\)/);
    // The template equals revision 1's again: the controller reuses that ReplicaSet, renumbered 3.
    const replicaSets = session.sim.simulator.snapshot().replicaSets;
    expect(replicaSets).toHaveLength(2);
    expect(session.deployment().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const status = await session.status();
    expect(status.report.environments[0]).toMatchObject({
      version: 'v1.0.0',
      revision: 'api revision 3',
      rolloutState: 'COMPLETED',
      running: 2,
      desired: 2,
    });
  });

  it('dry run: shows the change, writes nothing; already deployed: nothing to do', async () => {
    session = await EngineSession.start(apiScenario());
    const run = await session.deploy({ version: NEW_VERSION, dryRun: true });
    expect(run.report.outcome).toBe('PLANNED');
    expect(run.output).toMatch(
      /container api image:\n\s+- 127\.0\.0\.1:\d+\/slipway\/api@sha256:\w+\n\s+\+ 127\.0\.0\.1:\d+\/slipway\/api@sha256:\w+/,
    );
    expect(run.output).toContain('annotation slipway.dev/version:');
    expect(run.writes).toEqual([]);
    const again = await session.deploy({ version: 'v1.1.0' });
    expect(again.report.outcome).toBe('ALREADY_DEPLOYED');
    expect(again.writes).toEqual([]);
  });

  it.each([
    [
      'a missing version',
      apiScenario(),
      { version: 'v1.2.1' },
      /image 127\.0\.0\.1:\d+\/slipway\/api:v1\.2\.1 does not exist; nearest existing versions: v1\.3\.0, v1\.2\.0, v1\.1\.0\. Nothing was changed\./,
    ],
    [
      'a missing deployment',
      apiScenario({ withoutDeployment: true }),
      { version: NEW_VERSION },
      /deployment api not found in namespace slipway/,
    ],
    [
      'a missing namespace',
      apiScenario({ withoutDeployment: true, namespaces: [] }),
      { version: NEW_VERSION },
      /namespace slipway does not exist/,
    ],
    [
      'a forbidden patch',
      apiScenario({ forbidden: ['patch deployments'] }),
      { version: NEW_VERSION },
      /Forbidden: deployments\.apps "api" is forbidden: User "system:serviceaccount:ci:slipway-deployer" cannot patch resource "deployments"/,
    ],
    [
      'a forbidden read',
      apiScenario({ forbidden: ['get deployments'] }),
      { version: NEW_VERSION },
      /cannot get resource "deployments" in API group "apps" in the namespace "slipway"/,
    ],
    [
      'an unknown context',
      apiScenario(),
      { version: NEW_VERSION, context: 'prod' },
      /context "prod" is not in the kubeconfig setting; it has: k8s-sim/,
    ],
  ])('%s: exit 2 and nothing changed', async (_name, scenario, options, message) => {
    session = await EngineSession.start(scenario);
    const run = await session.deploy({ ...options, kubeconfig: session.sim.kubeconfigPath });
    expect({ exitCode: run.report.exitCode, writesThatChanged: run.writes.filter((w) => w.status < 300) }).toEqual({
      exitCode: 2,
      writesThatChanged: [],
    });
    expect(run.report.message).toMatch(message);
  });

  it('a change of the Deployment between plan and patch is refused by the generation test: exit 2, nothing changed', async () => {
    session = await EngineSession.start(apiScenario({ faults: [] }));
    const world = session.sim.simulator.world;
    const api = session.sim.simulator.api;
    const original = api.handle.bind(api);
    let bumped = false;
    api.handle = (request) => {
      if (request.method === 'PATCH' && !bumped) {
        bumped = true;
        const current = world.deployment('slipway', 'api')!;
        world.updateDeployment(current, { ...current, spec: { ...current.spec, replicas: 3 } });
      }
      return original(request);
    };
    const run = await session.deploy({ version: NEW_VERSION });
    expect(run.report).toMatchObject({
      outcome: 'APPLY_REFUSED',
      exitCode: 2,
      message: expect.stringMatching(/testing value \/metadata\/generation failed/),
    });
    expect(session.deployment().spec.template.spec.containers[0].image).not.toContain(run.report.digest!);
  });

  it('without leave to watch it polls as before: throttling is retried; an API outage is lost, no blind rollback', async () => {
    session = await EngineSession.start(
      apiScenario({
        forbidden: ['watch *'],
        faults: [{ verb: 'get', resource: 'deployments', status: 429, skip: 2, times: 2 }],
      }),
    );
    const run = await session.deploy({ version: NEW_VERSION });
    expect(run.report.outcome).toBe('DEPLOYED');
    expect(run.output).toMatch(/throttled/);
    const watches = run.calls.filter((c) => c.verb === 'watch');
    expect(watches.length).toBeGreaterThan(0);
    expect(watches.every((c) => c.status === 403)).toBe(true);
    await session.close();

    session = await EngineSession.start(
      apiScenario({ forbidden: ['watch *'], faults: [{ verb: 'get', resource: 'deployments', status: 503, skip: 2 }] }),
    );
    const lost = await session.deploy({ version: NEW_VERSION });
    expect(lost.report).toMatchObject({
      outcome: 'FAILED',
      exitCode: 4,
      message: expect.stringMatching(/cannot read the rollout/),
    });
    expect(lost.writes).toHaveLength(1);
  });

  it('watching: an API outage ends the watches, which cannot be opened again, nor can it read: lost, no blind rollback', async () => {
    session = await EngineSession.start(apiScenario({ rollout: { kind: 'neverReady' }, seed: FAR_DEADLINE }));
    const simulator = session.sim.simulator;
    whileWatching(session, () => {
      simulator.api.faults = [{ status: 503 }];
      simulator.cache.close();
    });
    const lost = await session.deploy({ version: NEW_VERSION });
    expect(lost.report).toMatchObject({
      outcome: 'FAILED',
      exitCode: 4,
      message: expect.stringMatching(/cannot read the rollout/),
    });
    expect(lost.writes).toHaveLength(1);
  });

  it('another rollout in progress refuses the deploy (7); a template change while watching supersedes it (6)', async () => {
    // v1.3.0's pods never become ready either: only the change can end our rollout. (Healthy, it
    // completed 12 simulated seconds after the patch; on a loaded machine that came before the
    // change, and Slipway rightly said DEPLOYED.)
    const scenario = apiScenario({ rollout: { kind: 'neverReady' }, seed: FAR_DEADLINE });
    session = await EngineSession.start({
      ...scenario,
      rollouts: { ...scenario.rollouts, 'v1.3.0': { kind: 'neverReady' } },
    });
    const world = session.sim.simulator.world;
    const current = world.deployment('slipway', 'api')!;
    const busy = structuredClone(current);
    busy.spec.template.spec.containers[0].image = world.imageOf('slipway/api', NEW_VERSION);
    world.updateDeployment(current, busy);
    const refused = await session.deploy({ version: 'v1.3.0' });
    expect(refused.report).toMatchObject({ outcome: 'REFUSED_IN_PROGRESS', exitCode: 7 });
    expect(refused.writes).toEqual([]);

    const simulator = session.sim.simulator;
    // Once our rollout is being watched, someone else sets another template.
    whileWatching(session, () => {
      const now = world.deployment('slipway', 'api')!;
      const other = structuredClone(now);
      other.spec.template.spec.containers[0].image = world.imageOf('slipway/api', 'v1.0.0');
      world.updateDeployment(now, other);
      simulator.cache.sync();
    });
    const superseded = await session.deploy({ version: 'v1.3.0', force: true });
    expect(superseded.report).toMatchObject({ outcome: 'SUPERSEDED', exitCode: 6 });
    expect(superseded.writes).toHaveLength(1);
  });
});

/**
 * Does `change` to the simulator once the run, watching its rollout, has reported it in progress:
 * a state of the run, not a delay after a request, which a loaded machine stretches past the end.
 */
function whileWatching(session: EngineSession, change: () => void): void {
  let rollout: string | undefined;
  session.onLine = (line) => {
    rollout ??= /watching rollout (\S+)/.exec(line)?.[1];
    if (rollout && / PRIMARY .* IN_PROGRESS\b/.test(line) && line.endsWith(`[${rollout}]`)) {
      session.onLine = undefined;
      change();
    }
  };
}
