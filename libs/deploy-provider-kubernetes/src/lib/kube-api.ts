import type { JsonPatchOperation } from './patches';
import type { V1Deployment, V1Pod, V1ReplicaSet } from './objects';

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
  /** PATCH …/deployments/{name} with `application/json-patch+json`. */
  patchDeployment(name: string, patch: readonly JsonPatchOperation[]): Promise<V1Deployment>;
  /** GET apis/apps/v1/namespaces/{ns}/replicasets?labelSelector= */
  listReplicaSets(labelSelector: string): Promise<V1ReplicaSet[]>;
  /** GET apis/apps/v1/namespaces/{ns}/replicasets/{name} */
  readReplicaSet(name: string): Promise<V1ReplicaSet>;
  /** GET api/v1/namespaces/{ns}/pods?labelSelector= */
  listPods(labelSelector: string): Promise<V1Pod[]>;
  /** GET api/v1/namespaces/{ns}: false when it does not exist, undefined when not allowed to tell. */
  namespaceExists(): Promise<boolean | undefined>;
}
