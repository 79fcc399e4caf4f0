import type { ApiObject, Deployment, KubeEvent, ReplicaSet, Resource } from './objects';

/**
 * `kubectl get` asks for `application/json;as=Table;v=v1;g=meta.k8s.io`: the server prints the
 * columns (a plain list would show NAME and AGE only). These are the real server's columns.
 */
interface Column {
  readonly name: string;
  readonly type: 'string' | 'integer';
  readonly cell: (object: ApiObject, age: (iso?: string) => string) => string | number;
}

const name: Column = { name: 'Name', type: 'string', cell: (o) => o.metadata.name };
const age: Column = { name: 'Age', type: 'string', cell: (o, since) => since(o.metadata.creationTimestamp) };

const COLUMNS: Readonly<Record<Resource, readonly Column[]>> = {
  deployments: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${(o as Deployment).status.readyReplicas ?? 0}/${(o as Deployment).spec.replicas ?? 1}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => (o as Deployment).status.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', cell: (o) => (o as Deployment).status.availableReplicas ?? 0 },
    age,
  ],
  replicasets: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => (o as ReplicaSet).spec.replicas },
    { name: 'Current', type: 'integer', cell: (o) => (o as ReplicaSet).status.replicas },
    { name: 'Ready', type: 'integer', cell: (o) => (o as ReplicaSet).status.readyReplicas },
    age,
  ],
  pods: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${containers(o).filter((c) => c.ready).length}/${containers(o).length}`,
    },
    { name: 'Status', type: 'string', cell: podStatus },
    { name: 'Restarts', type: 'integer', cell: (o) => containers(o).reduce((n, c) => n + (c.restartCount ?? 0), 0) },
    age,
  ],
  events: [
    { name: 'Last Seen', type: 'string', cell: (o, since) => since((o as KubeEvent).lastTimestamp) },
    { name: 'Type', type: 'string', cell: (o) => (o as KubeEvent).type },
    { name: 'Reason', type: 'string', cell: (o) => (o as KubeEvent).reason },
    {
      name: 'Object',
      type: 'string',
      cell: (o) => `${(o as KubeEvent).involvedObject.kind.toLowerCase()}/${(o as KubeEvent).involvedObject.name}`,
    },
    { name: 'Message', type: 'string', cell: (o) => (o as KubeEvent).message },
  ],
};

/** Whether the request's Accept header asks for a Table (kubectl get does; client libraries do not). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** The Table for `objects`; `age` formats how long ago a timestamp was, in the world's time. */
export function toTable(
  resource: Resource,
  objects: readonly ApiObject[],
  resourceVersion: string,
  age: (iso?: string) => string,
): unknown {
  const columns = COLUMNS[resource];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((c, i) => ({
      name: c.name,
      type: c.type,
      format: i === 0 && c === name ? 'name' : '',
      description: '',
      priority: 0,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((c) => c.cell(object, age)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}

/** kubectl's "age": 45s, 3m10s, 12m, 5h, 2d. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function containers(pod: ApiObject): ContainerStatus[] {
  return ((pod as { status?: { containerStatuses?: ContainerStatus[] } }).status?.containerStatuses ?? []).slice();
}

/** The STATUS column: a waiting or terminated container's reason, else the phase. */
function podStatus(pod: ApiObject): string {
  for (const c of containers(pod)) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  return (pod as { status?: { phase?: string } }).status?.phase ?? 'Unknown';
}
