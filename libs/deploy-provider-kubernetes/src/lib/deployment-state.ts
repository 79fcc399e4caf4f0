import type { RevisionRef, RolloutSnapshot, RolloutState, TargetEvent } from '@slipway/deploy-engine';
import {
  annotationsOf,
  COMMIT_ANNOTATION,
  containerImage,
  desiredReplicas,
  DIGEST_ANNOTATION,
  digestOf,
  PREVIOUS_ANNOTATION,
  replicaSetForTemplate,
  revisionNumberOf,
  type V1Deployment,
  type V1ReplicaSet,
  VERSION_ANNOTATION,
} from './objects';

/** A Deployment and the ReplicaSets it controls, as read in one go. */
export interface DeploymentView {
  readonly deployment: V1Deployment;
  readonly replicaSets: readonly V1ReplicaSet[];
}

export const PROGRESS_DEADLINE_EXCEEDED = 'ProgressDeadlineExceeded';

/** `ACTIVE` when the Deployment can take a rollout; `PAUSED` or `DELETING` fail pre-flight. */
export function targetStatusOf(deployment: V1Deployment): string {
  if (deployment.metadata?.deletionTimestamp) return 'DELETING';
  if (deployment.spec?.paused) return 'PAUSED';
  return 'ACTIVE';
}

export function progressingCondition(deployment: V1Deployment) {
  return deployment.status?.conditions?.find((c) => c.type === 'Progressing');
}

/**
 * Where the Deployment's current template stands, the way `kubectl rollout status` judges it, and
 * failing fast on ProgressDeadlineExceeded. Pure.
 */
export function rolloutStateOf(deployment: V1Deployment): { state: RolloutState; reason?: string } {
  const generation = deployment.metadata?.generation ?? 0;
  const observed = deployment.status?.observedGeneration ?? 0;
  if (observed < generation)
    return {
      state: 'IN_PROGRESS',
      reason: `waiting for the deployment controller to observe generation ${generation}`,
    };
  const progressing = progressingCondition(deployment);
  const conditionReason = progressing?.reason
    ? `${progressing.reason}${progressing.message ? `: ${progressing.message}` : ''}`
    : undefined;
  if (progressing?.reason === PROGRESS_DEADLINE_EXCEEDED) return { state: 'FAILED', reason: conditionReason };
  const desired = desiredReplicas(deployment);
  const status = deployment.status ?? {};
  const complete =
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired;
  return { state: complete ? 'COMPLETED' : 'IN_PROGRESS', reason: conditionReason };
}

export function revisionLabel(deploymentName: string, revision: number): string {
  return revision > 0 ? `${deploymentName} revision ${revision}` : `${deploymentName} (revision pending)`;
}

/** A ReplicaSet as the engine sees a revision. Pure. */
export function toRevisionRef(deploymentName: string, replicaSet: V1ReplicaSet, container: string): RevisionRef {
  const image = containerImage(replicaSet.spec?.template, container) ?? '(no such container)';
  return {
    id: replicaSet.metadata?.name ?? '',
    label: revisionLabel(deploymentName, revisionNumberOf(replicaSet)),
    image,
    ...recordedRelease(annotationsOf(replicaSet), image),
  };
}

/**
 * The release Slipway recorded on a revision, if it is this revision's. The controller copies a
 * Deployment's annotations to each new ReplicaSet, so after `kubectl set image` the new one carries
 * what Slipway recorded for another image; the digest Slipway records with them tells. Revisions
 * recorded before Slipway wrote the digest are taken at their word. Pure.
 */
export function recordedRelease(
  annotations: Record<string, string>,
  image: string,
): Pick<RevisionRef, 'version' | 'commit' | 'previousId'> {
  const recorded = annotations[DIGEST_ANNOTATION];
  if (recorded !== undefined && recorded !== digestOf(image)) return {};
  return {
    version: annotations[VERSION_ANNOTATION],
    commit: annotations[COMMIT_ANNOTATION],
    previousId: annotations[PREVIOUS_ANNOTATION],
  };
}

/** The revision the controller will number next: one past the highest it has given. */
export function nextRevisionNumber(replicaSets: readonly V1ReplicaSet[]): number {
  return Math.max(0, ...replicaSets.map(revisionNumberOf)) + 1;
}

/**
 * What the Deployment runs now: the ReplicaSet of its template, or (before the controller has
 * created it) the template itself under a pending id.
 */
export function currentRevision(view: DeploymentView, container: string, pendingId: string): RevisionRef {
  const name = view.deployment.metadata?.name ?? '';
  const replicaSet = replicaSetForTemplate(view.deployment.spec?.template, view.replicaSets);
  if (replicaSet) return toRevisionRef(name, replicaSet, container);
  const image = containerImage(view.deployment.spec?.template, container) ?? '(no such container)';
  return {
    id: pendingId,
    label: revisionLabel(name, nextRevisionNumber(view.replicaSets)),
    image,
    ...recordedRelease(annotationsOf(view.deployment), image),
  };
}

/**
 * The rollback target. Kubernetes records no "last completed" revision, so: the current one when
 * its rollout is complete; otherwise the newest older ReplicaSet that still has available pods
 * (what serves traffic), else the newest older one.
 */
export function stableReplicaSet(view: DeploymentView): V1ReplicaSet | undefined {
  const { deployment, replicaSets } = view;
  const current = replicaSetForTemplate(deployment.spec?.template, replicaSets);
  if (current && rolloutStateOf(deployment).state === 'COMPLETED') return current;
  const older = replicaSets.filter((rs) => rs !== current).sort((a, b) => revisionNumberOf(b) - revisionNumberOf(a));
  return older.find((rs) => (rs.status?.availableReplicas ?? 0) > 0) ?? older[0] ?? current;
}

export interface RolloutIds {
  /** Id of the rollout towards the Deployment's current template. */
  readonly primary: string;
  /** Pending revision id, for a template the controller has not turned into a ReplicaSet yet. */
  readonly pendingRevision: string;
}

/**
 * The rollout towards the current template (primary), plus each older ReplicaSet that still has
 * pods (draining). Pure; `failedPods` counts failing pods of the new ReplicaSet when known.
 */
export function rolloutsOf(view: DeploymentView, ids: RolloutIds, failedPods = 0): RolloutSnapshot[] {
  const { deployment, replicaSets } = view;
  const name = deployment.metadata?.name ?? '';
  const current = replicaSetForTemplate(deployment.spec?.template, replicaSets);
  const { state, reason } = rolloutStateOf(deployment);
  const progressing = progressingCondition(deployment);
  const rollouts: RolloutSnapshot[] = [
    {
      id: ids.primary,
      revisionId: current?.metadata?.name ?? ids.pendingRevision,
      revisionLabel: current
        ? revisionLabel(name, revisionNumberOf(current))
        : revisionLabel(name, nextRevisionNumber(replicaSets)),
      primary: true,
      state,
      reason,
      desired: desiredReplicas(deployment),
      pending: Math.max(0, (current?.status?.replicas ?? 0) - (current?.status?.availableReplicas ?? 0)),
      running: current?.status?.availableReplicas ?? 0,
      failed: failedPods,
      createdAt: current?.metadata?.creationTimestamp,
      updatedAt: progressing?.lastUpdateTime,
    },
  ];
  for (const rs of replicaSets) {
    if (rs === current || (rs.status?.replicas ?? 0) === 0) continue;
    rollouts.push({
      id: rs.metadata?.name ?? '',
      revisionId: rs.metadata?.name ?? '',
      revisionLabel: revisionLabel(name, revisionNumberOf(rs)),
      primary: false,
      state: 'IN_PROGRESS',
      reason: 'scaling down',
      desired: rs.spec?.replicas ?? 0,
      pending: Math.max(0, (rs.status?.replicas ?? 0) - (rs.status?.availableReplicas ?? 0)),
      running: rs.status?.availableReplicas ?? 0,
      failed: 0,
      createdAt: rs.metadata?.creationTimestamp,
    });
  }
  return rollouts;
}

/**
 * The Deployment's conditions as events, newest first. An event is a condition entering a
 * status/reason (`Progressing True NewReplicaSetAvailable`), so progress lines are not repeated.
 */
export function eventsOf(deployment: V1Deployment): TargetEvent[] {
  return (deployment.status?.conditions ?? [])
    .map((c) => {
      const at = toDate(c.lastUpdateTime ?? c.lastTransitionTime);
      return {
        id: `${c.type}:${c.status}:${c.reason ?? ''}:${toDate(c.lastTransitionTime).toISOString()}`,
        at,
        message: `${c.type} ${c.status === 'True' ? '' : `(${c.status}) `}${c.reason ?? ''}${c.message ? `: ${c.message}` : ''}`,
      };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

function toDate(value: Date | string | undefined): Date {
  if (value instanceof Date) return value;
  return value ? new Date(value) : new Date(0);
}
