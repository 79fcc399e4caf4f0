import { describeWithKubectl } from '@slipway/testing';
import { startK8sSimulator, type RunningK8sSimulator } from '../lib/http-server';
import { apiScenario, NEW_VERSION, type ApiScenarioOptions } from '../lib/presets';
import { Kubectl } from '../test-support/kubectl';

/**
 * Real kubectl 1.35 against the simulator: what a user would run to see what Slipway did, and to
 * change it by hand. If the simulator's idea of Kubernetes were wrong, kubectl would say so here.
 */
describeWithKubectl('kubectl against the simulator', () => {
  let sim: RunningK8sSimulator | undefined;
  let kubectl: Kubectl | undefined;
  afterEach(async () => {
    await kubectl?.close();
    await sim?.close();
    sim = kubectl = undefined;
  });

  async function start(options: ApiScenarioOptions = {}, msPerSimSecond = 10) {
    sim = await startK8sSimulator(apiScenario(options), { msPerSimSecond });
    kubectl = await Kubectl.for(sim);
    return { sim, kubectl };
  }
  const imageOf = (s: RunningK8sSimulator, version: string) => s.simulator.world.imageOf('slipway/api', version);
  const writes = (s: RunningK8sSimulator) => s.simulator.calls.writes().map((c) => `${c.method} ${c.contentType}`);

  it('get and describe show the Deployment, its ReplicaSets, pods and events, with the real columns', async () => {
    const { kubectl } = await start();
    expect(await kubectl.ok('get', 'deploy,rs,pods')).toMatch(
      /deployment\.apps\/api\s+2\/2\s+2\s+2\s+\S+\n[\s\S]*NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\n(replicaset\.apps\/api-\w+\s+[02]\s+[02]\s+[02]\s+\S+\n){2}[\s\S]*pod\/api-\w+-\w+\s+1\/1\s+Running\s+0/,
    );
    await kubectl.ok('set', 'image', 'deployment/api', `api=${imageOf(sim!, NEW_VERSION)}`);
    await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
    const described = await kubectl.ok('describe', 'deployment', 'api');
    expect(described).toMatch(/Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/);
    expect(described).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    expect(described).toMatch(/NewReplicaSet:\s+api-\w+ \(2\/2 replicas created\)/);
    expect(described).toMatch(
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set api-\w+ to 1 from 0/,
    );
    expect(await kubectl.ok('get', 'events')).toMatch(/Normal\s+Started\s+pod\/api-\w+-\w+\s+Started container api/);
  });

  it('rollout history lists the revisions with their change causes; --revision shows one template', async () => {
    const { kubectl } = await start();
    expect(await kubectl.ok('rollout', 'history', 'deployment/api')).toMatch(
      /REVISION\s+CHANGE-CAUSE\n1\s+slipway deploy v1\.0\.0\n2\s+slipway deploy v1\.1\.0\n/,
    );
    expect(await kubectl.ok('rollout', 'history', 'deployment/api', '--revision=1')).toMatch(
      /with revision #1\nPod Template:\n\s+Labels:\s+app=api\n\s+pod-template-hash=\w+/,
    );
    expect((await kubectl.run('rollout', 'history', 'deployment/api', '--revision=9')).stderr).toMatch(
      /unable to find the specified revision/,
    );
  });

  it('rollout status: at once when rolled out; follows a rollout (a 1.35 watch-list) to success', async () => {
    const { sim, kubectl } = await start({}, 40);
    expect(await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=5s')).toBe(
      'deployment "api" successfully rolled out\n',
    );
    await kubectl.ok('set', 'image', 'deployment/api', `api=${imageOf(sim, NEW_VERSION)}`);
    const status = await kubectl.run('rollout', 'status', 'deployment/api', '--timeout=20s');
    expect(status).toMatchObject({ code: 0, stdout: expect.stringMatching(/successfully rolled out\n$/) });
    expect(sim.simulator.calls.list().some((c) => c.verb === 'watch' && c.query['sendInitialEvents'] === 'true')).toBe(
      true,
    );
  });

  it('rollout status fails on ProgressDeadlineExceeded, and times out on a rollout that is merely slow', async () => {
    const failing = await start({ rollout: { kind: 'neverReady' } });
    await failing.kubectl.ok('set', 'image', 'deployment/api', `api=${imageOf(failing.sim, NEW_VERSION)}`);
    const exceeded = await failing.kubectl.run('rollout', 'status', 'deployment/api', '--timeout=20s');
    expect(exceeded).toMatchObject({ code: 1, stderr: 'error: deployment "api" exceeded its progress deadline\n' });
    await kubectl?.close();
    await sim?.close();

    const slow = await start({ rollout: { kind: 'neverReady' }, seed: { progressDeadlineSeconds: 3600 } });
    await slow.kubectl.ok('set', 'image', 'deployment/api', `api=${imageOf(slow.sim, NEW_VERSION)}`);
    const timedOut = await slow.kubectl.run('rollout', 'status', 'deployment/api', '--timeout=1s');
    expect(timedOut).toMatchObject({ code: 1, stderr: expect.stringMatching(/timed out waiting for the condition/) });
  });

  it('set image is a strategic merge patch; the same image again sends none; --dry-run=server changes nothing', async () => {
    const { sim, kubectl } = await start();
    const image = imageOf(sim, NEW_VERSION);
    expect(await kubectl.ok('set', 'image', 'deployment/api', `api=${image}`, '--dry-run=server')).toMatch(
      /image updated \(server dry run\)/,
    );
    expect(sim.simulator.world.deployment('slipway', 'api')?.metadata.generation).toBe(2);
    expect(await kubectl.ok('set', 'image', 'deployment/api', `api=${image}`)).toBe(
      'deployment.apps/api image updated\n',
    );
    expect(await kubectl.ok('set', 'image', 'deployment/api', `api=${image}`)).toBe('');
    expect(writes(sim)).toEqual([
      'PATCH application/strategic-merge-patch+json',
      'PATCH application/strategic-merge-patch+json',
    ]);
  });

  it('rollout undo: the previous template back, its ReplicaSet reused and renumbered, as on a cluster', async () => {
    const { sim, kubectl } = await start();
    await kubectl.ok('set', 'image', 'deployment/api', `api=${imageOf(sim, NEW_VERSION)}`);
    await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
    expect(await kubectl.ok('rollout', 'undo', 'deployment/api')).toBe('deployment.apps/api rolled back\n');
    await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
    // Revision 2 (v1.1.0) is renumbered 4, as the real controller does; no new ReplicaSet.
    expect(await kubectl.ok('rollout', 'history', 'deployment/api')).toMatch(
      /\n1\s+.*\n3\s+.*\n4\s+slipway deploy v1\.1\.0\n/,
    );
    expect(await kubectl.ok('get', 'rs', '-o', 'name')).toMatch(/^(replicaset\.apps\/api-\w+\n){3}$/);
    expect(await kubectl.ok('get', 'deploy', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe(
      imageOf(sim, 'v1.1.0'),
    );
    expect(await kubectl.ok('rollout', 'undo', 'deployment/api', '--to-revision=4')).toMatch(
      /skipped rollback \(current template already matches revision 4\)/,
    );
    expect((await kubectl.run('rollout', 'undo', 'deployment/api', '--to-revision=9')).stderr).toMatch(
      /unable to find specified revision 9 in history/,
    );
    expect(writes(sim)).toEqual(['PATCH application/strategic-merge-patch+json', 'PATCH application/json-patch+json']);
  });

  it('rollout undo with no earlier revision has nothing to go back to', async () => {
    const { kubectl } = await start({ seed: { history: ['v1.1.0'] } });
    expect((await kubectl.run('rollout', 'undo', 'deployment/api')).stderr).toMatch(
      /no rollout history found for deployment "api"/,
    );
  });

  it('over plain http kubectl sends no token, so the API refuses it: why the simulator speaks TLS', async () => {
    const { sim } = await start();
    const plain = await Kubectl.for(sim, { kubeconfig: Kubectl.plainHttpKubeconfig(sim) });
    try {
      const refused = await plain.run('get', 'deploy', '--request-timeout=5s');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/provide credentials|must be logged in/);
      expect(sim.simulator.calls.list().every((c) => c.status === 401)).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
