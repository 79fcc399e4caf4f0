import { RESOURCES } from './resources';

/**
 * `/api` and `/apis`, which every kubectl command reads first. kubectl 1.30+ asks for aggregated
 * discovery (one answer per group list) and picks the format by the response's Content-Type;
 * other clients get the legacy documents, and then read `/api/v1` and `/apis/apps/v1`.
 */
export const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export interface DiscoveryAnswer {
  readonly body: unknown;
  readonly contentType: string;
}

/** The answer for a discovery path, or undefined when `path` is not one. */
export function discovery(path: string, accept: string | undefined): DiscoveryAnswer | undefined {
  const aggregated = (accept ?? '').includes('as=APIGroupDiscoveryList');
  const json = (body: unknown) => ({ body, contentType: 'application/json' });
  switch (path) {
    case '/version':
      return json({ major: '1', minor: '35', gitVersion: 'v1.35.0-slipway-sim', platform: 'linux/amd64' });
    case '/api':
      return aggregated
        ? { body: groupDiscovery(''), contentType: AGGREGATED }
        : json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    case '/apis':
      return aggregated
        ? { body: groupDiscovery('apps'), contentType: AGGREGATED }
        : json({
            kind: 'APIGroupList',
            apiVersion: 'v1',
            groups: [
              {
                name: 'apps',
                versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
                preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
              },
            ],
          });
    case '/api/v1':
      return json(resourceList(''));
    case '/apis/apps/v1':
      return json(resourceList('apps'));
    default:
      return undefined;
  }
}

function groupDiscovery(group: '' | 'apps'): unknown {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [
      {
        metadata: { name: group },
        versions: [
          {
            version: 'v1',
            freshness: 'Current',
            resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
              resource: r.resource,
              responseKind: { group, version: 'v1', kind: r.kind },
              scope: r.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: r.kind.toLowerCase(),
              shortNames: r.shortNames,
              verbs: r.verbs,
            })),
          },
        ],
      },
    ],
  };
}

function resourceList(group: '' | 'apps'): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/v1` : 'v1',
    resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      shortNames: r.shortNames,
      verbs: r.verbs,
    })),
  };
}
