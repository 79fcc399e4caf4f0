import type { CallLog } from './call-log';
import { matchLabelsRequirements, matches, parseSelector, SelectorError } from './labels';
import type { Deployment } from './objects';
import { applyJsonPatch, applyMergePatch, JSON_PATCH, MERGE_PATCH, PatchError } from './patch';
import type { Fault } from './scenario';
import type { World } from './world';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

interface Route {
  readonly verb: string;
  readonly resource: string;
  readonly group: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** Who the simulator says the credentials belong to, in Forbidden messages. */
export const SIM_USER = 'system:serviceaccount:ci:slipway-deployer';

/**
 * The Kubernetes API endpoints a deploy uses, with the API server's semantics: bearer-token
 * authentication (401), RBAC denials (403), NotFound Status objects, JSON/merge patches with
 * generation bumps, label selectors; injected faults (429, 5xx); every request recorded.
 */
export class ApiServer {
  private readonly faultHits = new Map<Fault, number>();

  constructor(
    private readonly world: World,
    private readonly calls: CallLog,
    public faults: Fault[] = [...(world.scenario.faults ?? [])],
  ) {}

  handle(request: ApiRequest): ApiAnswer {
    this.world.advance();
    const route = routeOf(request);
    const answer = this.answer(request, route);
    this.calls.add({
      method: request.method,
      path: request.path,
      verb: route?.verb ?? 'unknown',
      resource: route?.resource ?? 'unknown',
      namespace: route?.namespace,
      name: route?.name,
      query: request.query,
      contentType: request.headers['content-type'],
      body: parseBody(request.body),
      status: answer.status,
      simTime: this.world.now,
    });
    return answer;
  }

  private answer(request: ApiRequest, route: Route | undefined): ApiAnswer {
    const token = this.world.scenario.token ?? 'sim-token';
    if (request.headers['authorization'] !== `Bearer ${token}`) return status(401, 'Unauthorized', 'Unauthorized');
    if (!route)
      return status(
        404,
        'NotFound',
        `the server could not find the requested resource (${request.method} ${request.path})`,
      );
    const fault = this.matchingFault(route);
    if (fault) {
      const answer = status(
        fault.status,
        fault.status === 429 ? 'TooManyRequests' : 'InternalError',
        fault.message ?? `injected fault (${fault.status})`,
      );
      return fault.status === 429 ? { ...answer, headers: { 'retry-after': '1' } } : answer;
    }
    if (
      (this.world.scenario.forbidden ?? []).some(
        (f) => f === `${route.verb} ${route.resource}` || f === `* ${route.resource}` || f === `${route.verb} *`,
      )
    ) {
      const group = route.group ? ` in API group "${route.group}"` : ' in API group ""';
      const subject = route.name
        ? `${route.resource}${route.group ? `.${route.group}` : ''} "${route.name}" is forbidden`
        : `${route.resource} is forbidden`;
      const scope = route.namespace ? ` in the namespace "${route.namespace}"` : ' at the cluster scope';
      return status(
        403,
        'Forbidden',
        `${subject}: User "${SIM_USER}" cannot ${route.verb} resource "${route.resource}"${group}${scope}`,
      );
    }
    try {
      return this.dispatch(request, route);
    } catch (error) {
      if (error instanceof SelectorError) return status(400, 'BadRequest', error.message);
      if (error instanceof PatchError)
        return status(error.status, error.status === 415 ? 'UnsupportedMediaType' : 'Invalid', error.message);
      throw error;
    }
  }

  private dispatch(request: ApiRequest, route: Route): ApiAnswer {
    const { namespace = '', name = '' } = route;
    const selector = parseSelector(request.query['labelSelector'] ?? '');
    switch (`${route.verb} ${route.resource}`) {
      case 'get namespaces':
        return this.world.namespaces.has(name)
          ? ok({
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name, uid: `ns-${name}` },
              status: { phase: 'Active' },
            })
          : notFound('namespaces', '', name);
      case 'get deployments': {
        const deployment = this.world.deployment(namespace, name);
        return deployment ? ok(deployment) : notFound('deployments', 'apps', name);
      }
      case 'patch deployments':
        return this.patchDeployment(request, namespace, name);
      case 'list replicasets':
        return ok(
          list(
            'ReplicaSetList',
            'apps/v1',
            this.world.replicaSetsIn(namespace).filter((rs) => matches(selector, rs.metadata.labels)),
          ),
        );
      case 'get replicasets': {
        const found = this.world.replicaSetsIn(namespace).find((rs) => rs.metadata.name === name);
        return found ? ok(found) : notFound('replicasets', 'apps', name);
      }
      case 'list pods':
        return ok(
          list(
            'PodList',
            'v1',
            this.world
              .podsIn(namespace)
              .filter((p) => matches(selector, (p['metadata'] as { labels?: Record<string, string> }).labels)),
          ),
        );
      case 'list deployments':
        return ok(
          list(
            'DeploymentList',
            'apps/v1',
            [...this.world.deployments.values()].filter(
              (d) => d.metadata.namespace === namespace && matches(selector, d.metadata.labels),
            ),
          ),
        );
      default:
        return status(405, 'MethodNotAllowed', `the simulator does not ${route.verb} ${route.resource}`);
    }
  }

  private patchDeployment(request: ApiRequest, namespace: string, name: string): ApiAnswer {
    const before = this.world.deployment(namespace, name);
    if (!before) return notFound('deployments', 'apps', name);
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    let patch: unknown;
    try {
      patch = JSON.parse(request.body);
    } catch {
      return status(400, 'BadRequest', 'the patch is not JSON');
    }
    let after: unknown;
    if (type === JSON_PATCH) after = applyJsonPatch(before, patch);
    else if (type === MERGE_PATCH) after = applyMergePatch(before, patch);
    else throw new PatchError(`the simulator accepts ${JSON_PATCH} and ${MERGE_PATCH}, not "${type}"`, 415);
    const problems = validateDeployment(after as Deployment);
    if (problems.length > 0)
      return status(422, 'Invalid', `Deployment.apps "${name}" is invalid: ${problems.join('; ')}`);
    return ok(this.world.updateDeployment(before, after as Deployment));
  }

  private matchingFault(route: Route): Fault | undefined {
    for (const fault of this.faults) {
      if ((fault.verb ?? '*') !== '*' && fault.verb !== route.verb) continue;
      if ((fault.resource ?? '*') !== '*' && fault.resource !== route.resource) continue;
      const hits = (this.faultHits.get(fault) ?? 0) + 1;
      this.faultHits.set(fault, hits);
      const skip = fault.skip ?? 0;
      if (hits <= skip) continue;
      if (fault.times !== undefined && hits > skip + fault.times) continue;
      return fault;
    }
    return undefined;
  }
}

/** What the API server's validation would refuse in the fields a deploy touches. */
export function validateDeployment(deployment: Deployment): string[] {
  const problems: string[] = [];
  const containers = deployment.spec?.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0)
    problems.push('spec.template.spec.containers: Required value');
  for (const [i, c] of (containers ?? []).entries()) {
    if (typeof c?.name !== 'string' || c.name === '')
      problems.push(`spec.template.spec.containers[${i}].name: Required value`);
    if (typeof c?.image !== 'string' || c.image.trim() === '')
      problems.push(`spec.template.spec.containers[${i}].image: Required value`);
  }
  const requirements = matchLabelsRequirements(deployment.spec?.selector?.matchLabels);
  if (!matches(requirements, deployment.spec?.template?.metadata?.labels))
    problems.push('spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`');
  return problems;
}

const RESOURCE = /^\/(?:api\/v1|apis\/(apps)\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/;

export function routeOf(request: Pick<ApiRequest, 'method' | 'path'>): Route | undefined {
  const match = RESOURCE.exec(request.path);
  if (!match) return undefined;
  const [, group = '', namespace, resource, name] = match;
  if (resource === 'namespaces' && !namespace)
    return {
      verb: request.method === 'GET' ? (name ? 'get' : 'list') : request.method.toLowerCase(),
      resource,
      group,
      name,
    };
  const verbs: Record<string, string> = {
    GET: name ? 'get' : 'list',
    PATCH: 'patch',
    PUT: 'update',
    POST: 'create',
    DELETE: 'delete',
  };
  return { verb: verbs[request.method] ?? request.method.toLowerCase(), resource, group, namespace, name };
}

function ok(body: unknown): ApiAnswer {
  return { status: 200, body };
}

function list(kind: string, apiVersion: string, items: unknown[]): unknown {
  return { kind, apiVersion, metadata: { resourceVersion: '1' }, items };
}

function notFound(resource: string, group: string, name: string): ApiAnswer {
  return status(404, 'NotFound', `${resource}${group ? `.${group}` : ''} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });
}

function status(code: number, reason: string, message: string, details?: Record<string, unknown>): ApiAnswer {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    },
  };
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
