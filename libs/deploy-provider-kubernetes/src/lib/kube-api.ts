import type { JsonPatchOperation } from './patches';
import type { V1Deployment, V1Pod, V1ReplicaSet } from './objects';

/** A list as the API answers it: the items and the resourceVersion to watch from. */
export interface Listed<T> {
  readonly items: readonly T[];
  readonly resourceVersion: string;
}

/** The collections Slipway watches, and what each holds. */
export interface Watched {
  deployments: V1Deployment;
  replicasets: V1ReplicaSet;
  pods: V1Pod;
}

export interface WatchQuery {
  /** Changes after this version are sent. */
  readonly resourceVersion: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface WatchEvents<T> {
  /** ADDED, MODIFIED, DELETED with the object; BOOKMARK with its resourceVersion; ERROR with a Status. */
  event(type: string, object: T): void;
  /** The stream ended: without an error when the server closed it (at its timeout), else with it. */
  ended(error?: unknown): void;
}

/**
 * The few Kubernetes API calls Slipway makes, bound to one namespace. The provider depends on
 * this port; `connectKubernetes` implements it with @kubernetes/client-node.
 */
export interface KubeApi {
  /** Where the calls go, for messages: `https://…:6443 (context staging)`. */
  readonly endpoint: string;
  readonly context: string;
  readonly namespace: string;
  /** GET apis/apps/v1/namespaces/{ns}/deployments/{name} */
  readDeployment(name: string): Promise<V1Deployment>;
  /** GET apis/apps/v1/namespaces/{ns}/deployments?fieldSelector= (to watch from) */
  listDeployments(fieldSelector: string): Promise<Listed<V1Deployment>>;
  /** PATCH …/deployments/{name} with `application/json-patch+json`. */
  patchDeployment(name: string, patch: readonly JsonPatchOperation[]): Promise<V1Deployment>;
  /** GET apis/apps/v1/namespaces/{ns}/replicasets?labelSelector= */
  listReplicaSets(labelSelector: string): Promise<Listed<V1ReplicaSet>>;
  /** GET apis/apps/v1/namespaces/{ns}/replicasets/{name} */
  readReplicaSet(name: string): Promise<V1ReplicaSet>;
  /** GET api/v1/namespaces/{ns}/pods?labelSelector= */
  listPods(labelSelector: string): Promise<Listed<V1Pod>>;
  /** GET api/v1/namespaces/{ns}: false when it does not exist, undefined when not allowed to tell. */
  namespaceExists(): Promise<boolean | undefined>;
  /**
   * GET …/{resource}?watch=true from a resourceVersion. Resolves once the server answered 200
   * (events then arrive in `events`) with the function that stops the watch; rejects when it
   * answered anything else (403 when RBAC forbids watching, 410 Gone when the version is too old).
   */
  watch<R extends keyof Watched>(resource: R, query: WatchQuery, events: WatchEvents<Watched[R]>): Promise<() => void>;
}
