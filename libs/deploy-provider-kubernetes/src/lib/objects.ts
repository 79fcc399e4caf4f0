import { createHash } from 'node:crypto';
import type { V1Deployment, V1LabelSelector, V1Pod, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';

export type { V1Deployment, V1Pod, V1PodTemplateSpec, V1ReplicaSet };

/** Set by the Deployment controller on a Deployment and on each of its ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Label the controller adds to a ReplicaSet's template and selector: the ReplicaSet's identity. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const VERSION_ANNOTATION = 'slipway.dev/version';
export const COMMIT_ANNOTATION = 'slipway.dev/commit';
/** The image digest the version and commit annotations were recorded for. */
export const DIGEST_ANNOTATION = 'slipway.dev/digest';
/** The ReplicaSet that was stable when Slipway deployed: what `rollback` walks back through. */
export const PREVIOUS_ANNOTATION = 'slipway.dev/previous-revision';

/**
 * Annotations `kubectl rollout undo` never copies from a ReplicaSet back to the Deployment
 * (kubectl's annotationsToSkip), and the controller never copies to a ReplicaSet.
 */
export const CONTROLLER_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export function annotationsOf(object: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  return object.metadata?.annotations ?? {};
}

export function revisionNumberOf(object: { metadata?: { annotations?: Record<string, string> } }): number {
  const value = Number(annotationsOf(object)[REVISION_ANNOTATION]);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

export function desiredReplicas(deployment: V1Deployment): number {
  return deployment.spec?.replicas ?? 1;
}

/** ReplicaSets whose controlling owner is this Deployment (a label selector can match others). */
export function ownedReplicaSets(deployment: V1Deployment, replicaSets: readonly V1ReplicaSet[]): V1ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  return replicaSets.filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((ref) => ref.controller && ref.uid === uid),
  );
}

/** Pods controlled by this ReplicaSet. */
export function ownedPods(replicaSet: V1ReplicaSet, pods: readonly V1Pod[]): V1Pod[] {
  const uid = replicaSet.metadata?.uid;
  return pods.filter((pod) => (pod.metadata?.ownerReferences ?? []).some((ref) => ref.controller && ref.uid === uid));
}

/**
 * A pod template's identity for Slipway: a hash of its canonical JSON without the
 * pod-template-hash label, i.e. what the controller compares (EqualIgnoreHash).
 */
export function templateFingerprint(template: V1PodTemplateSpec | undefined): string {
  return createHash('sha256')
    .update(canonicalJson(withoutHashLabel(template)))
    .digest('hex')
    .slice(0, 16);
}

export function sameTemplate(a: V1PodTemplateSpec | undefined, b: V1PodTemplateSpec | undefined): boolean {
  return templateFingerprint(a) === templateFingerprint(b);
}

/** The ReplicaSet the Deployment's current template runs as (the controller's "new ReplicaSet"). */
export function replicaSetForTemplate(
  template: V1PodTemplateSpec | undefined,
  replicaSets: readonly V1ReplicaSet[],
): V1ReplicaSet | undefined {
  const wanted = templateFingerprint(template);
  return replicaSets.find((rs) => templateFingerprint(rs.spec?.template) === wanted);
}

export function withoutHashLabel(template: V1PodTemplateSpec | undefined): V1PodTemplateSpec {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as V1PodTemplateSpec;
  const metadata = copy.metadata;
  if (metadata?.labels && POD_TEMPLATE_HASH in metadata.labels) {
    delete metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(metadata.labels).length === 0) delete metadata.labels;
  }
  return copy;
}

/** JSON with sorted keys and no undefined/null members, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== null && member !== undefined) sorted[key] = sortKeys(member);
    }
    return sorted;
  }
  return value;
}

/** `matchLabels` and `matchExpressions` as a `labelSelector` query parameter. */
export function selectorString(selector: V1LabelSelector | undefined, extra: Record<string, string> = {}): string {
  const parts = Object.entries({ ...(selector?.matchLabels ?? {}), ...extra }).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    switch (expression.operator) {
      case 'In':
        parts.push(`${expression.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${expression.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(expression.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${expression.key}`);
        break;
    }
  }
  return parts.join(',');
}

export function containerImage(template: V1PodTemplateSpec | undefined, container: string): string | undefined {
  return template?.spec?.containers?.find((c) => c.name === container)?.image;
}

/** `…/slipway/api@sha256:abc` → `sha256:abc`; undefined for tag references. */
export function digestOf(imageReference: string): string | undefined {
  const at = imageReference.lastIndexOf('@');
  return at >= 0 && imageReference.slice(at + 1).startsWith('sha256:') ? imageReference.slice(at + 1) : undefined;
}
