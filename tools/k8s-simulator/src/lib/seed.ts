import { randomUUID } from 'node:crypto';
import { DEFAULT_PROGRESS_DEADLINE } from './controller';
import { startPod } from './kubelet';
import {
  type Deployment,
  key,
  POD_TEMPLATE_HASH,
  type PodTemplate,
  type ReplicaSet,
  REVISION,
  templateHash,
  withServerFields,
} from './objects';
import { commitOf } from './registry';
import type { DeploymentSeed } from './scenario';
import type { World } from './world';

/** A Deployment that has already rolled out `history`, one ReplicaSet per version, the last running. */
export function seedDeployment(world: World, seed: DeploymentSeed): void {
  const digestOf = (image: string) => image.slice(image.lastIndexOf('@') + 1);
  const templateFor = (version: string): PodTemplate =>
    withServerFields({
      metadata: { labels: { app: seed.name } },
      spec: {
        containers: [
          {
            name: seed.container,
            image: world.imageOf(seed.repository, version),
            ports: [{ containerPort: 3000, name: 'http', protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
          },
        ],
        terminationGracePeriodSeconds: 30,
      },
    });
  const annotationsFor = (version: string, previous?: string): Record<string, string> => ({
    'kubernetes.io/change-cause': `slipway deploy ${version}`,
    'slipway.dev/version': version,
    'slipway.dev/commit': commitOf(version),
    'slipway.dev/digest': digestOf(world.imageOf(seed.repository, version)),
    ...(previous ? { 'slipway.dev/previous-revision': previous } : {}),
  });
  const uid = randomUUID();
  const last = seed.history[seed.history.length - 1];
  const previousNames: string[] = [];
  seed.history.forEach((version, index) => {
    const template = templateFor(version);
    const hash = templateHash(template);
    const name = `${seed.name}-${hash}`;
    const labels = { app: seed.name, [POD_TEMPLATE_HASH]: hash };
    const labelled: PodTemplate = { ...structuredClone(template), metadata: { labels } };
    const running = index === seed.history.length - 1;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: seed.namespace,
        uid: randomUUID(),
        generation: 1,
        creationTimestamp: world.iso(-3600 * (seed.history.length - index)),
        labels: { ...labels },
        annotations: { [REVISION]: String(index + 1), ...annotationsFor(version, previousNames.at(-1)) },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: seed.name,
            uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: running ? seed.replicas : 0,
        selector: { matchLabels: { app: seed.name, [POD_TEMPLATE_HASH]: hash } },
        template: labelled,
      },
      status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
    };
    previousNames.push(name);
    world.replicaSets.set(key(rs), rs);
    if (running) {
      for (let i = 0; i < seed.replicas; i++) {
        startPod(world, rs, true);
      }
    }
  });
  const generation = seed.history.length;
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: seed.name,
      namespace: seed.namespace,
      uid,
      generation,
      creationTimestamp: world.iso(-3600 * seed.history.length),
      labels: { app: seed.name },
      annotations: { [REVISION]: String(seed.history.length), ...annotationsFor(last, previousNames.at(-2)) },
    },
    spec: {
      replicas: seed.replicas,
      selector: { matchLabels: { app: seed.name } },
      template: templateFor(last),
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: seed.maxSurge ?? 1, maxUnavailable: seed.maxUnavailable ?? 0 },
      },
      progressDeadlineSeconds: seed.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE,
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      paused: seed.paused || undefined,
    },
    status: {
      observedGeneration: generation,
      replicas: seed.replicas,
      updatedReplicas: seed.replicas,
      readyReplicas: seed.replicas,
      availableReplicas: seed.replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: world.iso(-60),
          lastTransitionTime: world.iso(-60),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${previousNames.at(-1)}" has successfully progressed.`,
          lastUpdateTime: world.iso(-60),
          lastTransitionTime: world.iso(-3600),
        },
      ],
    },
  };
  world.deployments.set(key(deployment), deployment);
}
