import { ManualClock } from '@slipway/ecs-simulator';
import { apiScenario, NEW_VERSION } from './presets';
import { K8sSimulator } from './simulator';
import type { Deployment } from './objects';
import { backoffSeconds } from './pods';

/** Drives the controller and kubelet by hand, second by second. */
function start(options: Parameters<typeof apiScenario>[0] = {}) {
  const clock = new ManualClock();
  const sim = new K8sSimulator(apiScenario(options), '127.0.0.1:5000', { clock });
  const world = sim.world;
  const deploy = (version: string, change: (d: Deployment) => void = () => undefined) => {
    const current = world.deployment('slipway', 'api')!;
    const next = structuredClone(current);
    next.spec.template.spec.containers[0].image = world.imageOf('slipway/api', version);
    change(next);
    return world.updateDeployment(current, next);
  };
  const at = (seconds: number) => {
    clock.advance(seconds - clock.now());
    world.advance();
    return world.deployment('slipway', 'api')!;
  };
  return { sim, world, deploy, at };
}

describe('the simulated deployment controller', () => {
  it('rolls out with maxSurge 1 / maxUnavailable 0: one new pod at a time, old ones go once new ones are available', () => {
    const { deploy, at, world } = start();
    deploy(NEW_VERSION);
    expect(at(0).status).toMatchObject({
      observedGeneration: 3,
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 2,
    });
    // At 6 s the first new pod is ready: one old pod goes, the second new pod starts.
    expect(at(6).status).toMatchObject({ replicas: 3, updatedReplicas: 2, availableReplicas: 2 });
    const done = at(12);
    expect(done.status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(done.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      reason: 'NewReplicaSetAvailable',
    });
    expect(world.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['REPLICASET_CREATED', 'POD_READY', 'POD_DELETED', 'ROLLOUT_COMPLETE']),
    );
  });

  it('marks ProgressDeadlineExceeded when nothing progresses for progressDeadlineSeconds, and keeps the old pods', () => {
    const { deploy, at } = start({ rollout: { kind: 'neverReady' } });
    deploy(NEW_VERSION);
    expect(at(59).status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetCreated');
    const failed = at(61);
    expect(failed.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    expect(failed.status).toMatchObject({ availableReplicas: 2, updatedReplicas: 1 });
  });

  it('crash-looping pods restart with a growing back-off; a controller delay holds back observedGeneration', () => {
    const { deploy, at, sim } = start({ rollout: { kind: 'crashLoop', exitCode: 9, runFor: 1 }, controllerDelay: 2 });
    deploy(NEW_VERSION);
    expect(at(1).status.observedGeneration).toBe(2);
    at(40);
    const pod = sim
      .snapshot()
      .pods.find(
        (p) => JSON.stringify(p).includes('CrashLoopBackOff') || JSON.stringify(p).includes('"exitCode":9'),
      ) as { status: { containerStatuses: { restartCount: number }[] } };
    expect(pod.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(2);
    expect([1, 2, 3, 10].map(backoffSeconds)).toEqual([10, 20, 40, 300]);
  });

  it('Recreate scales the old ReplicaSet to zero first; a paused Deployment does not roll out; history is limited', () => {
    const recreate = start();
    recreate.deploy(NEW_VERSION, (d) => (d.spec.strategy = { type: 'Recreate' }));
    // The old pods are gone before the new ones start (the simulator deletes pods at once).
    expect(recreate.at(0).status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 0 });
    expect(recreate.at(10).status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2 });

    const paused = start({ seed: { paused: true } });
    paused.deploy(NEW_VERSION);
    expect(paused.at(10).status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      reason: 'DeploymentPaused',
    });

    const limited = start();
    limited.deploy(NEW_VERSION, (d) => (d.spec.revisionHistoryLimit = 0));
    limited.at(20);
    expect(limited.sim.snapshot().replicaSets).toHaveLength(1);
  });
});
