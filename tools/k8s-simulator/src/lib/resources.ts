import type { Resource } from './objects';

/** What discovery, tables and watch bookmarks say about each resource the simulator serves. */
export interface ResourceInfo {
  readonly resource: Resource | 'namespaces';
  readonly group: '' | 'apps';
  readonly kind: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** kubectl needs the short names (`get deploy,rs,po`) and the scope; the verbs are what the simulator answers. */
export const RESOURCES: readonly ResourceInfo[] = [
  {
    resource: 'deployments',
    group: 'apps',
    kind: 'Deployment',
    shortNames: ['deploy'],
    namespaced: true,
    verbs: ['get', 'list', 'watch', 'patch'],
  },
  {
    resource: 'replicasets',
    group: 'apps',
    kind: 'ReplicaSet',
    shortNames: ['rs'],
    namespaced: true,
    verbs: ['get', 'list', 'watch'],
  },
  { resource: 'pods', group: '', kind: 'Pod', shortNames: ['po'], namespaced: true, verbs: ['get', 'list', 'watch'] },
  {
    resource: 'events',
    group: '',
    kind: 'Event',
    shortNames: ['ev'],
    namespaced: true,
    verbs: ['get', 'list', 'watch'],
  },
  { resource: 'namespaces', group: '', kind: 'Namespace', shortNames: ['ns'], namespaced: false, verbs: ['get'] },
];

export function resourceInfo(resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.resource === resource);
}

export function apiVersionOf(info: Pick<ResourceInfo, 'group'>): string {
  return info.group ? `${info.group}/v1` : 'v1';
}

/** The info of a resource the simulator serves (every `Resource` has one). */
export function servedResource(resource: Resource): ResourceInfo {
  const info = resourceInfo(resource);
  if (!info) throw new Error(`no resource info for ${resource}`);
  return info;
}
