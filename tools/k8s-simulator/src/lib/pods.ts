import type { PodBehaviour } from './scenario';
import type { ApiObject, Container, ReplicaSet } from './objects';

/** What the kubelet is doing with a pod's behaving containers. */
export type PodStage = 'creating' | 'running' | 'terminated' | 'backoff' | 'pull-error' | 'pull-backoff';

/** A pod as the simulated kubelet tracks it; rendered to Pod JSON on every read. */
export interface SimPod {
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  readonly owner: ReplicaSet;
  readonly createdAt: number;
  /** Containers whose image is the one under test behave as `behaviour`; the others just run. */
  readonly behaving: ReadonlySet<string>;
  readonly behaviour: PodBehaviour;
  stage: PodStage;
  ready: boolean;
  readySince?: number;
  restarts: number;
  lastExit?: { code: number; startedAt: number; finishedAt: number };
  startedAt?: number;
  deleted: boolean;
}

export const BACKOFF_CAP_SECONDS = 300;
/** The one node every pod runs on. */
export const NODE = 'sim-node-1';

/** kubelet's crash back-off: 10 s, doubling, capped at 5 minutes. */
export function backoffSeconds(restarts: number): number {
  return Math.min(BACKOFF_CAP_SECONDS, 10 * 2 ** Math.max(0, restarts - 1));
}

export function isAvailable(pod: SimPod, now: number, minReadySeconds: number): boolean {
  return pod.ready && pod.readySince !== undefined && now - pod.readySince >= minReadySeconds;
}

/** Pod JSON, the fields a client reads (phase, conditions, container states, owner). */
export function renderPod(pod: SimPod, iso: (t: number) => string): ApiObject & Record<string, unknown> {
  const template = pod.owner.spec.template;
  const containers = template.spec.containers;
  const statuses = containers.map((c) => containerStatus(pod, c, iso));
  const phase =
    pod.stage === 'creating' || pod.stage === 'pull-error' || pod.stage === 'pull-backoff' ? 'Pending' : 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      creationTimestamp: iso(pod.createdAt),
      labels: { ...(template.metadata?.labels ?? {}) },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: pod.owner.metadata.name,
          uid: pod.owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...structuredClone(template.spec), nodeName: NODE },
    status: {
      phase,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: iso(pod.createdAt) },
        {
          type: 'Ready',
          status: pod.ready ? 'True' : 'False',
          lastTransitionTime: iso(pod.readySince ?? pod.createdAt),
          ...(pod.ready ? {} : { reason: 'ContainersNotReady' }),
        },
      ],
      startTime: iso(pod.createdAt),
      containerStatuses: statuses,
    },
  };
}

function containerStatus(pod: SimPod, container: Container, iso: (t: number) => string): Record<string, unknown> {
  const base = {
    name: container.name,
    image: container.image,
    imageID: '',
    restartCount: 0,
    ready: pod.stage !== 'creating',
    started: pod.stage !== 'creating',
  };
  if (!pod.behaving.has(container.name)) {
    if (pod.stage === 'creating')
      return {
        ...base,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
      };
    return { ...base, state: { running: { startedAt: iso(pod.createdAt + 1) } }, lastState: {} };
  }
  const lastState = pod.lastExit
    ? {
        terminated: {
          exitCode: pod.lastExit.code,
          reason: 'Error',
          startedAt: iso(pod.lastExit.startedAt),
          finishedAt: iso(pod.lastExit.finishedAt),
        },
      }
    : {};
  const own = { ...base, restartCount: pod.restarts, ready: pod.ready, started: pod.stage === 'running' };
  switch (pod.stage) {
    case 'creating':
      return { ...own, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} };
    case 'running':
      return { ...own, state: { running: { startedAt: iso(pod.startedAt ?? pod.createdAt) } }, lastState };
    case 'terminated':
      return { ...own, state: lastState, lastState: {} };
    case 'backoff':
      return {
        ...own,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${backoffSeconds(pod.restarts)}s restarting failed container=${container.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
          },
        },
        lastState,
      };
    case 'pull-error':
      return {
        ...own,
        state: {
          waiting: {
            reason: 'ErrImagePull',
            message: `failed to pull and unpack image "${container.image}": failed to resolve reference "${container.image}": not found`,
          },
        },
        lastState: {},
      };
    case 'pull-backoff':
      return {
        ...own,
        state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${container.image}"` } },
        lastState: {},
      };
  }
}
