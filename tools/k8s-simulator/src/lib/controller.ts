import { randomUUID } from 'node:crypto';
import {
  type Condition,
  type Deployment,
  key,
  POD_TEMPLATE_HASH,
  type PodTemplate,
  type ReplicaSet,
  resolveIntOrPercent,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  SKIPPED_ANNOTATIONS,
  templateHash,
  templateKey,
} from './objects';
import { startPod } from './kubelet';
import { isAvailable } from './pods';
import type { World } from './world';

/**
 * The Deployment controller, in simulated time: the ReplicaSet of the current template (new or
 * reused and renumbered, the Deployment's annotations copied to it), the rolling update by
 * maxSurge/maxUnavailable (or Recreate), the ReplicaSet controller's pods, status,
 * Progressing/Available conditions with the progress deadline, and the revision history limit.
 */

export const DEFAULT_PROGRESS_DEADLINE = 600;

/** One pass of the Deployment controller over a Deployment (by `namespace/name`). */
export function syncDeployment(world: World, deploymentKey: string): void {
  const deployment = world.deployments.get(deploymentKey);
  if (!deployment) return;
  const before = structuredClone(deployment.status);
  const owned = world.ownedBy(deployment);
  if (deployment.spec.paused) {
    deployment.status = {
      ...computeStatus(world, deployment, owned, undefined),
      observedGeneration: deployment.metadata.generation,
    };
    setCondition(world, deployment, {
      type: 'Progressing',
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    return;
  }
  const { replicaSet: newRS, created } = newReplicaSet(world, deployment, owned);
  const all = world.ownedBy(deployment);
  const old = all.filter((rs) => rs !== newRS);
  const replicasBefore = all.map((rs) => rs.spec.replicas);
  // The real controller re-syncs at once after each scaling step; converge in one go.
  for (let step = 0; step < 10; step++) {
    const before = all.map((rs) => rs.spec.replicas).join();
    scale(world, deployment, newRS, old);
    reconcilePods(world, all);
    if (all.map((rs) => rs.spec.replicas).join() === before) break;
  }
  all.forEach((rs, i) => {
    const [from, to] = [replicasBefore[i], rs.spec.replicas];
    const direction = to > from ? 'up' : 'down';
    if (to !== from)
      world.emit(
        deployment,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${direction} replica set ${rs.metadata.name} to ${to} from ${from}`,
      );
  });
  const status = computeStatus(world, deployment, all, newRS);
  deployment.status = { ...deployment.status, ...status, observedGeneration: deployment.metadata.generation };
  updateProgress(world, deployment, newRS, before, created);
  cleanUpHistory(world, deployment, newRS);
}

/** The ReplicaSet of the current template: found (and renumbered) or created, as the controller does. */
function newReplicaSet(
  world: World,
  deployment: Deployment,
  owned: ReplicaSet[],
): { replicaSet: ReplicaSet; created: boolean } {
  const wanted = templateKey(deployment.spec.template);
  const existing = owned.find((rs) => templateKey(rs.spec.template) === wanted);
  const others = owned.filter((rs) => rs !== existing);
  const revision = Math.max(0, ...others.map(revisionOf)) + 1;
  deployment.metadata.annotations = {
    ...(deployment.metadata.annotations ?? {}),
    [REVISION]: String(existing && revisionOf(existing) >= revision ? revisionOf(existing) : revision),
  };
  if (existing) {
    if (revisionOf(existing) < revision) {
      copyAnnotations(deployment, existing);
      const history = [existing.metadata.annotations?.[REVISION_HISTORY], String(revisionOf(existing))];
      existing.metadata.annotations = {
        ...existing.metadata.annotations,
        [REVISION]: String(revision),
        [REVISION_HISTORY]: history.filter(Boolean).join(','),
      };
      world.record('REPLICASET_REUSED', `${existing.metadata.name} is revision ${revision}`);
    }
    return { replicaSet: existing, created: false };
  }
  const hash = templateHash(deployment.spec.template);
  const template: PodTemplate = structuredClone(deployment.spec.template);
  template.metadata = {
    ...(template.metadata ?? {}),
    labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
  };
  const replicaSet: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      uid: randomUUID(),
      generation: 1,
      creationTimestamp: world.iso(world.now),
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: { [REVISION]: String(revision) },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deployment.metadata.name,
          uid: deployment.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      minReadySeconds: deployment.spec.minReadySeconds ?? 0,
      selector: { matchLabels: { ...(deployment.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
      template,
    },
    status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
  };
  copyAnnotations(deployment, replicaSet);
  world.replicaSets.set(key(replicaSet), replicaSet);
  world.record('REPLICASET_CREATED', `${replicaSet.metadata.name} revision ${revision}`);
  return { replicaSet, created: true };
}

function copyAnnotations(deployment: Deployment, replicaSet: ReplicaSet): void {
  const annotations = replicaSet.metadata.annotations ?? {};
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {}))
    if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  replicaSet.metadata.annotations = annotations;
}

/** RollingUpdate (NewRSNewReplicas, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) or Recreate. */
function scale(world: World, deployment: Deployment, newRS: ReplicaSet, old: ReplicaSet[]): void {
  const desired = deployment.spec.replicas ?? 1;
  const sum = (list: ReplicaSet[]) => list.reduce((n, rs) => n + rs.spec.replicas, 0);
  const available = (rs: ReplicaSet) =>
    world.podsOf(rs).filter((p) => isAvailable(p, world.now, deployment.spec.minReadySeconds ?? 0)).length;
  if (deployment.spec.strategy?.type === 'Recreate') {
    for (const rs of old) rs.spec.replicas = 0;
    if (old.every((rs) => world.podsOf(rs).length === 0)) newRS.spec.replicas = desired;
    return;
  }
  const rolling = deployment.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(rolling.maxSurge, desired, true, '25%');
  let maxUnavailable = resolveIntOrPercent(rolling.maxUnavailable, desired, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const all = [newRS, ...old];
  const total = sum(all);
  const maxTotal = desired + maxSurge;
  if (newRS.spec.replicas > desired) newRS.spec.replicas = desired;
  else if (total < maxTotal) newRS.spec.replicas += Math.min(maxTotal - total, desired - newRS.spec.replicas);
  const minAvailable = desired - maxUnavailable;
  const newUnavailable = newRS.spec.replicas - available(newRS);
  let maxScaledDown = sum(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  for (const rs of old) {
    const unhealthy = rs.spec.replicas - available(rs);
    const cut = Math.min(maxScaledDown, Math.max(0, unhealthy));
    rs.spec.replicas -= cut;
    maxScaledDown -= cut;
  }
  let scaleDown = all.reduce((n, rs) => n + Math.min(rs.spec.replicas, available(rs)), 0) - minAvailable;
  for (const rs of old) {
    if (scaleDown <= 0) break;
    const cut = Math.min(rs.spec.replicas, scaleDown);
    rs.spec.replicas -= cut;
    scaleDown -= cut;
  }
}

/** The ReplicaSet controller: pods up or down to each ReplicaSet's replicas (not-ready pods go first). */
function reconcilePods(world: World, replicaSets: ReplicaSet[]): void {
  for (const rs of replicaSets) {
    const pods = world.podsOf(rs);
    for (let i = pods.length; i < rs.spec.replicas; i++)
      world.emit(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${startPod(world, rs).name}`);
    const surplus = pods.length - rs.spec.replicas;
    if (surplus > 0) {
      const victims = [...pods]
        .sort((a, b) => Number(a.ready) - Number(b.ready) || b.createdAt - a.createdAt)
        .slice(0, surplus);
      for (const pod of victims) {
        pod.deleted = true;
        world.pods.delete(pod.uid);
        world.record('POD_DELETED', pod.name);
        world.emit(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.name}`);
        world.emit(pod, 'Normal', 'Killing', `Stopping container ${pod.owner.spec.template.spec.containers[0].name}`);
      }
    }
  }
}

function computeStatus(
  world: World,
  deployment: Deployment,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): Deployment['status'] {
  const minReady = deployment.spec.minReadySeconds ?? 0;
  const pods = all.flatMap((rs) => world.podsOf(rs));
  const available = pods.filter((p) => isAvailable(p, world.now, minReady)).length;
  const totalSpec = all.reduce((n, rs) => n + rs.spec.replicas, 0);
  return {
    replicas: pods.length,
    updatedReplicas: newRS ? world.podsOf(newRS).length : 0,
    readyReplicas: pods.filter((p) => p.ready).length,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, totalSpec - available),
  };
}

/** Progressing / Available conditions, the progress deadline, and the timeline. */
function updateProgress(
  world: World,
  deployment: Deployment,
  newRS: ReplicaSet,
  before: Deployment['status'],
  created: boolean,
): void {
  const status = deployment.status;
  const desired = deployment.spec.replicas ?? 1;
  const rsName = newRS.metadata.name;
  const complete =
    status.updatedReplicas === desired && status.replicas === desired && status.availableReplicas === desired;
  const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const oldNow = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  const progressed =
    created ||
    (status.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
    oldNow < oldBefore ||
    (status.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (before.availableReplicas ?? 0);
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  const deadline = deployment.spec.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE;
  if (complete) {
    if (progressing?.reason !== 'NewReplicaSetAvailable')
      world.record('ROLLOUT_COMPLETE', `${deployment.metadata.name}: ${rsName}`);
    setCondition(world, deployment, {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rsName}" has successfully progressed.`,
    });
  } else if (progressed || !progressing || progressing.reason === 'NewReplicaSetAvailable') {
    const reason = created ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated';
    const message = created ? `Created new replica set "${rsName}"` : `ReplicaSet "${rsName}" is progressing.`;
    setCondition(world, deployment, { type: 'Progressing', status: 'True', reason, message });
  } else if (
    progressing.reason !== 'ProgressDeadlineExceeded' &&
    world.now - world.secondsOf(progressing.lastUpdateTime ?? world.iso(world.now)) >= deadline
  ) {
    setCondition(world, deployment, {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    });
    world.record('PROGRESS_DEADLINE_EXCEEDED', `${deployment.metadata.name}: ${rsName}`);
  }
  const maxUnavailable = resolveIntOrPercent(
    deployment.spec.strategy?.rollingUpdate?.maxUnavailable,
    desired,
    false,
    '25%',
  );
  const minimum = (status.availableReplicas ?? 0) >= desired - maxUnavailable;
  setCondition(world, deployment, {
    type: 'Available',
    status: minimum ? 'True' : 'False',
    reason: minimum ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    message: minimum ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
  });
  const current = deployment.status.conditions?.find((c) => c.type === 'Progressing');
  if (!complete && current?.status === 'True' && current.lastUpdateTime) {
    const check = `${key(deployment)}@${current.lastUpdateTime}`;
    if (!world.deadlineChecks.has(check)) {
      world.deadlineChecks.add(check);
      world.scheduler.schedule(world.secondsOf(current.lastUpdateTime) + deadline, () =>
        syncDeployment(world, key(deployment)),
      );
    }
  }
}

/** lastUpdateTime moves on every write; lastTransitionTime only when the status flips. */
function setCondition(
  world: World,
  deployment: Deployment,
  condition: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
): void {
  const conditions = deployment.status.conditions ?? [];
  const existing = conditions.find((c) => c.type === condition.type);
  const now = world.iso(world.now);
  const same =
    existing &&
    existing.status === condition.status &&
    existing.reason === condition.reason &&
    existing.message === condition.message;
  if (same && condition.type === 'Available') return;
  if (same && condition.reason === 'ProgressDeadlineExceeded') return;
  const next: Condition = {
    ...condition,
    lastUpdateTime: now,
    lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime : now,
  };
  deployment.status.conditions = [...conditions.filter((c) => c.type !== condition.type), next].sort((a, b) =>
    a.type < b.type ? -1 : 1,
  );
}

/** revisionHistoryLimit: old ReplicaSets without pods beyond the limit are deleted, oldest first. */
function cleanUpHistory(world: World, deployment: Deployment, newRS: ReplicaSet): void {
  const limit = deployment.spec.revisionHistoryLimit ?? 10;
  const idle = world
    .ownedBy(deployment)
    .filter((rs) => rs !== newRS && rs.spec.replicas === 0 && world.podsOf(rs).length === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    world.replicaSets.delete(key(rs));
    world.record('REPLICASET_DELETED', rs.metadata.name);
  }
}
