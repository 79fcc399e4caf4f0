import type { V1Deployment, V1Pod, V1ReplicaSet } from '../objects';

export const DIGEST_OLD = `sha256:${'1'.repeat(64)}`;
export const DIGEST_NEW = `sha256:${'2'.repeat(64)}`;
export const REPO = '127.0.0.1:5000/slipway/api';
export const COMMIT = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

export function template(image: string, hash?: string) {
  return {
    metadata: { labels: { app: 'api', ...(hash ? { 'pod-template-hash': hash } : {}) } },
    spec: {
      containers: [
        { name: 'api', image },
        { name: 'sidecar', image: 'envoy:1' },
      ],
    },
  };
}

export interface DeploymentShape {
  image?: string;
  generation?: number;
  observedGeneration?: number;
  replicas?: number;
  updated?: number;
  available?: number;
  total?: number;
  progressing?: { reason: string; status?: string; message?: string; at?: Date };
  annotations?: Record<string, string>;
  paused?: boolean;
}

export function deployment(shape: DeploymentShape = {}): V1Deployment {
  const replicas = shape.replicas ?? 2;
  const at = shape.progressing?.at ?? new Date('2026-01-01T00:00:00Z');
  return {
    metadata: {
      name: 'api',
      namespace: 'prod',
      uid: 'dep-uid',
      generation: shape.generation ?? 3,
      annotations: shape.annotations ?? { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: {
      replicas,
      paused: shape.paused,
      selector: { matchLabels: { app: 'api' } },
      template: template(shape.image ?? `${REPO}@${DIGEST_OLD}`),
    },
    status: {
      observedGeneration: shape.observedGeneration ?? shape.generation ?? 3,
      replicas: shape.total ?? replicas,
      updatedReplicas: shape.updated ?? replicas,
      availableReplicas: shape.available ?? replicas,
      readyReplicas: shape.available ?? replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: at,
          lastTransitionTime: at,
        },
        {
          type: 'Progressing',
          status: shape.progressing?.status ?? 'True',
          reason: shape.progressing?.reason ?? 'NewReplicaSetAvailable',
          message: shape.progressing?.message ?? 'ReplicaSet "api-old" has successfully progressed.',
          lastUpdateTime: at,
          lastTransitionTime: at,
        },
      ],
    },
  } as V1Deployment;
}

export function replicaSet(
  name: string,
  image: string,
  revision: number,
  pods: { replicas: number; available?: number } = { replicas: 0 },
  annotations: Record<string, string> = {},
): V1ReplicaSet {
  const hash = name.slice(name.lastIndexOf('-') + 1);
  return {
    metadata: {
      name,
      uid: `${name}-uid`,
      labels: { app: 'api', 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...annotations },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'dep-uid', controller: true }],
      creationTimestamp: new Date('2026-01-01T00:00:00Z'),
    },
    spec: {
      replicas: pods.replicas,
      selector: { matchLabels: { app: 'api', 'pod-template-hash': hash } },
      template: template(image, hash),
    },
    status: {
      replicas: pods.replicas,
      availableReplicas: pods.available ?? pods.replicas,
      readyReplicas: pods.available ?? pods.replicas,
    },
  } as V1ReplicaSet;
}

export function pod(name: string, owner: V1ReplicaSet, status: NonNullable<V1Pod['status']>): V1Pod {
  return {
    metadata: {
      name,
      labels: owner.spec?.template?.metadata?.labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: owner.metadata!.name!,
          uid: owner.metadata!.uid!,
          controller: true,
        },
      ],
    },
    status,
  } as V1Pod;
}

export const crashLooping = (exitCode = 1): NonNullable<V1Pod['status']> => ({
  phase: 'Running',
  containerStatuses: [
    {
      name: 'api',
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=api' } },
      lastState: { terminated: { exitCode, reason: 'Error', finishedAt: new Date('2026-01-01T00:01:00Z') } },
    },
  ],
});

export const pullFailing = (reason = 'ImagePullBackOff'): NonNullable<V1Pod['status']> => ({
  phase: 'Pending',
  containerStatuses: [
    {
      name: 'api',
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason, message: 'Back-off pulling image' } },
    },
  ],
});

export const running = (): NonNullable<V1Pod['status']> => ({
  phase: 'Running',
  containerStatuses: [
    {
      name: 'api',
      image: 'x',
      imageID: '',
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: new Date() } },
    },
  ],
});
