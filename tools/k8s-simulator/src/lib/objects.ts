import { createHash } from 'node:crypto';

/** Kubernetes objects as the simulator stores them: plain JSON, the fields it reads typed. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  generation?: number;
  /** Stamped by the watch cache when it serves the object; the world's own copies have none. */
  resourceVersion?: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

/** The resources the simulator serves (namespaces aside). */
export type Resource = 'deployments' | 'replicasets' | 'pods' | 'events';

/** Any object the API serves: what lists, tables and the watch cache need of it. */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface Container {
  name: string;
  image: string;
  [key: string]: unknown;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec: { containers: Container[]; [key: string]: unknown };
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface IntOrPercent {
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta;
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string> };
    template: PodTemplate;
    strategy?: { type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: IntOrPercent };
    progressDeadlineSeconds?: number;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    [key: string]: unknown;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
    [key: string]: unknown;
  };
}

export interface ReplicaSet {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    minReadySeconds?: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate;
  };
  status: {
    replicas: number;
    fullyLabeledReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    observedGeneration: number;
  };
}

/** A core/v1 Event, as `kubectl describe` and `kubectl get events` read them. */
export interface KubeEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: { apiVersion: string; kind: string; name: string; namespace?: string; uid: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent: string;
  reportingInstance: string;
}

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** `namespace/name`: how the simulator keys a namespaced object. */
export function key(object: { metadata: { namespace?: string; name: string } }): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

/** The revision a ReplicaSet carries in its annotation (0 when it has none). */
export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** Annotations the controller never copies from a Deployment to its ReplicaSets. */
export const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[bytes[i % bytes.length] % SAFE.length];
  return out;
}

/** The template without the pod-template-hash label, as canonical JSON: what EqualIgnoreHash compares. */
export function templateKey(template: PodTemplate): string {
  const copy = structuredClone(template) as PodTemplate;
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return canonical(copy);
}

/**
 * A template as the API server stores it: every container has `resources` (the Go struct is always
 * written, as `{}` when empty), so a template that `kubectl rollout undo` sends back equals the
 * ReplicaSet's it came from.
 */
export function withServerFields(template: PodTemplate): PodTemplate {
  const copy = structuredClone(template);
  for (const list of ['containers', 'initContainers'])
    for (const container of (copy.spec[list] as Container[] | undefined) ?? []) container['resources'] ??= {};
  return copy;
}

/** A pod-template-hash for the simulator (real Kubernetes hashes the Go struct; any stable hash will do). */
export function templateHash(template: PodTemplate, collisionCount = 0): string {
  return safeEncode(
    createHash('sha256')
      .update(`${templateKey(template)}#${collisionCount}`)
      .digest(),
    10,
  );
}

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter(
          (k) => (value as Record<string, unknown>)[k] !== null && (value as Record<string, unknown>)[k] !== undefined,
        )
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** `25%` of 4 rounded up (surge) or down (unavailable); integers as they are. */
export function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
  fallback: string,
): number {
  const raw = value ?? fallback;
  if (typeof raw === 'number') return raw;
  const match = /^(\d+)%$/.exec(raw);
  if (!match) return Number(raw) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
