import { createHash, randomUUID } from 'node:crypto';
import { type PodTemplate, type ReplicaSet, safeEncode } from './objects';
import { backoffSeconds, type SimPod } from './pods';
import type { PodBehaviour } from './scenario';
import type { World } from './world';

/**
 * The kubelet: pods of a ReplicaSet start, and their containers behave as the scenario says for
 * their image (healthy, crash loop with back-off, image pull errors, never ready). Every pod
 * transition wakes the owning Deployment's controller, as its pod watch does.
 */
/** `settled`: a seeded pod that has been running for a while; the kubelet has nothing left to do. */
export function startPod(world: World, rs: ReplicaSet, settled = false): SimPod {
  const suffix = safeEncode(createHash('sha256').update(`${rs.metadata.uid}#${++world.podCounter}`).digest(), 5);
  const { behaviour, behaving } = behaviourOf(world, rs.spec.template);
  const pod: SimPod = {
    name: `${rs.metadata.name}-${suffix}`,
    uid: randomUUID(),
    namespace: rs.metadata.namespace ?? 'default',
    owner: rs,
    createdAt: world.now,
    behaving,
    behaviour,
    stage: 'creating',
    ready: false,
    restarts: 0,
    deleted: false,
  };
  world.pods.set(pod.uid, pod);
  if (settled) return Object.assign(pod, { stage: 'running', ready: true, readySince: -60, startedAt: -60 });
  world.record('POD_CREATED', pod.name);
  at(world, pod, world.now + 1, () => containerStarts(world, pod));
  return pod;
}

function containerStarts(world: World, pod: SimPod): void {
  switch (pod.behaviour.kind) {
    case 'imagePullError':
      pod.stage = 'pull-error';
      world.record('POD_IMAGE_PULL_FAILED', pod.name);
      at(world, pod, world.now + 2, () => pullBackOff(world, pod));
      return;
    case 'crashLoop':
      run(world, pod);
      at(world, pod, world.now + (pod.behaviour.runFor ?? 2), () => crash(world, pod));
      return;
    case 'neverReady':
      run(world, pod);
      return;
    case 'healthy':
      run(world, pod);
      at(world, pod, world.now + (pod.behaviour.readyAfter ?? 5), () => {
        pod.ready = true;
        pod.readySince = world.now;
        world.record('POD_READY', pod.name);
        const minReady = pod.owner.spec.minReadySeconds ?? 0;
        if (minReady > 0) at(world, pod, world.now + minReady, () => undefined);
      });
      return;
  }
}

function run(world: World, pod: SimPod): void {
  pod.stage = 'running';
  pod.startedAt = world.now;
}

function crash(world: World, pod: SimPod): void {
  const exitCode = pod.behaviour.kind === 'crashLoop' ? (pod.behaviour.exitCode ?? 1) : 1;
  pod.stage = 'terminated';
  pod.lastExit = { code: exitCode, startedAt: pod.startedAt ?? pod.createdAt, finishedAt: world.now };
  pod.restarts++;
  world.record('POD_CRASHED', `${pod.name} exit ${exitCode} (restart ${pod.restarts})`);
  at(world, pod, world.now + 1, () => {
    pod.stage = 'backoff';
    at(world, pod, world.now + backoffSeconds(pod.restarts), () => {
      run(world, pod);
      at(world, pod, world.now + (pod.behaviour.kind === 'crashLoop' ? (pod.behaviour.runFor ?? 2) : 2), () =>
        crash(world, pod),
      );
    });
  });
}

function pullBackOff(world: World, pod: SimPod): void {
  pod.stage = 'pull-backoff';
  at(world, pod, world.now + 10, () => {
    pod.stage = 'pull-error';
    at(world, pod, world.now + 2, () => pullBackOff(world, pod));
  });
}

/** A pod transition, then the owning Deployment's controller sync (it watches its pods). */
function at(world: World, pod: SimPod, time: number, change: () => void): void {
  world.scheduler.schedule(time, () => {
    if (pod.deleted) return;
    change();
    world.podChanged(pod);
  });
}

function behaviourOf(world: World, template: PodTemplate): { behaviour: PodBehaviour; behaving: Set<string> } {
  const rollouts = world.scenario.rollouts ?? {};
  for (const container of template.spec.containers) {
    const digest = container.image.slice(container.image.lastIndexOf('@') + 1);
    const tag = world.registry.tagOf(digest);
    const behaviour = (tag && rollouts[tag]) || rollouts[digest] || rollouts[container.image];
    if (behaviour) return { behaviour, behaving: new Set([container.name]) };
  }
  return {
    behaviour: rollouts['default'] ?? { kind: 'healthy' },
    behaving: new Set(template.spec.containers.map((c) => c.name)),
  };
}
