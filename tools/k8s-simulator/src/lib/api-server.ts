import type { CallLog } from './call-log';
import { discovery } from './discovery';
import { matchesFields, parseFieldSelector } from './fields';
import { matchLabelsRequirements, matches, parseSelector, SelectorError } from './labels';
import type { ApiObject, Deployment, Resource } from './objects';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  JSON_PATCH,
  MERGE_PATCH,
  PatchError,
  STRATEGIC_MERGE_PATCH,
} from './patch';
import { apiVersionOf, resourceInfo } from './resources';
import type { Fault } from './scenario';
import { humanDuration, toTable, wantsTable } from './tables';
import type { Selection, WatchCache, WatchSink } from './watch-cache';
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
  /** A watch: called once the 200 is sent; returns the function that stops it (the client went away). */
  readonly stream?: (sink: WatchSink) => () => void;
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

/** kube-apiserver closes a watch after its `timeoutSeconds`, else after a while of its own. */
const DEFAULT_WATCH_SECONDS = 1800;

/**
 * The Kubernetes API as a deploy and kubectl use it, with the API server's semantics:
 * bearer-token authentication (401), discovery, RBAC denials (403), NotFound Status objects,
 * get/list (as Tables when kubectl asks) and watch of Deployments, ReplicaSets, pods and events
 * with resourceVersions from the watch cache, JSON, merge and strategic merge patches with
 * generation bumps and server-side dry run, label and field selectors; injected faults (429,
 * 5xx); every request recorded.
 */
export class ApiServer {
  private readonly faultHits = new Map<Fault, number>();

  constructor(
    private readonly world: World,
    private readonly cache: WatchCache,
    private readonly calls: CallLog,
    public faults: Fault[] = [...(world.scenario.faults ?? [])],
  ) {}

  handle(request: ApiRequest): ApiAnswer {
    this.cache.refresh();
    const route = routeOf(request);
    const answer = this.answer(request, route);
    this.calls.add({
      method: request.method,
      path: request.path,
      verb: route?.verb ?? (discovery(request.path, undefined) ? 'discover' : 'unknown'),
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
    const documents = discovery(request.path, request.headers['accept']);
    if (documents && request.method === 'GET')
      return { status: 200, body: documents.body, headers: { 'content-type': documents.contentType } };
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
    const info = resourceInfo(route.resource);
    if (route.resource === 'namespaces') {
      if (route.verb !== 'get') return notAllowed(route);
      return this.world.namespaces.has(name)
        ? ok({
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name, uid: `ns-${name}` },
            status: { phase: 'Active' },
          })
        : notFound('namespaces', '', name);
    }
    if (!info || !info.verbs.includes(route.verb)) return notAllowed(route);
    const resource = info.resource as Resource;
    switch (route.verb) {
      case 'get': {
        const found = this.cache.get(resource, namespace, name);
        if (!found) return notFound(resource, info.group, name);
        return ok(wantsTable(request.headers['accept']) ? this.table(resource, [found]) : found);
      }
      case 'list': {
        const items = this.cache.list(selectionOf(resource, route.namespace, request.query));
        if (wantsTable(request.headers['accept'])) return ok(this.table(resource, items));
        return ok({
          kind: `${info.kind}List`,
          apiVersion: apiVersionOf(info),
          metadata: { resourceVersion: this.cache.resourceVersion },
          items,
        });
      }
      case 'watch':
        return this.watch(request, selectionOf(resource, route.namespace, request.query));
      case 'patch':
        return this.patchDeployment(request, namespace, name);
      default:
        return notAllowed(route);
    }
  }

  /**
   * `?watch=true`: the changes after `resourceVersion` (410 Gone when it is older than the history
   * kept), or the current state first (no version, `0`, or `sendInitialEvents=true`, which ends it
   * with the bookmark kubectl 1.35 waits for); then every change until `timeoutSeconds`.
   */
  private watch(request: ApiRequest, selection: Selection): ApiAnswer {
    const { resourceVersion, sendInitialEvents, resourceVersionMatch, timeoutSeconds } = request.query;
    const from = resourceVersion === undefined || resourceVersion === '' ? undefined : Number(resourceVersion);
    if (from !== undefined && !Number.isInteger(from))
      return status(400, 'BadRequest', `invalid resourceVersion "${resourceVersion}"`);
    const initialEvents = sendInitialEvents === 'true';
    if (initialEvents && resourceVersionMatch !== 'NotOlderThan')
      return status(422, 'Invalid', 'sendInitialEvents is forbidden unless resourceVersionMatch=NotOlderThan');
    if (!this.cache.canWatchFrom(from))
      return status(410, 'Expired', `too old resource version: ${from} (${this.cache.oldestVersion})`);
    const seconds = Number(timeoutSeconds) > 0 ? Number(timeoutSeconds) : DEFAULT_WATCH_SECONDS;
    return {
      status: 200,
      body: undefined,
      stream: (sink) => {
        // kubectl get --watch asks for Tables: each event then carries a one-row Table.
        const tables = wantsTable(request.headers['accept']);
        const send: WatchSink = {
          send: (event) =>
            sink.send(
              tables && event.type !== 'BOOKMARK'
                ? { ...event, object: this.table(selection.resource, [event.object as ApiObject]) }
                : event,
            ),
          end: () => sink.end(),
        };
        const stop = this.cache.watch(selection, { from, sendInitialEvents: initialEvents }, send);
        const timer = setTimeout(() => {
          stop();
          sink.end();
        }, seconds * 1000);
        timer.unref();
        return () => {
          clearTimeout(timer);
          stop();
        };
      },
    };
  }

  private table(resource: Resource, objects: readonly ApiObject[]): unknown {
    return toTable(resource, objects, this.cache.resourceVersion, (iso) =>
      iso ? humanDuration(this.world.now - this.world.secondsOf(iso)) : '<unknown>',
    );
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
    else if (type === STRATEGIC_MERGE_PATCH) after = applyStrategicMergePatch(before, patch);
    else
      throw new PatchError(
        `the simulator accepts ${JSON_PATCH}, ${MERGE_PATCH} and ${STRATEGIC_MERGE_PATCH}, not "${type}"`,
        415,
      );
    const problems = validateDeployment(after as Deployment);
    if (problems.length > 0)
      return status(422, 'Invalid', `Deployment.apps "${name}" is invalid: ${problems.join('; ')}`);
    // Server-side dry run (kubectl --dry-run=server): the object as it would be stored, nothing stored.
    if (request.query['dryRun'] === 'All') return ok(this.world.storedVersionOf(before, after as Deployment));
    this.world.updateDeployment(before, after as Deployment);
    this.cache.sync();
    return ok(this.cache.get('deployments', namespace, name));
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

/** The objects a list or watch names: namespace, `labelSelector`, `fieldSelector`. */
function selectionOf(resource: Resource, namespace: string | undefined, query: ApiRequest['query']): Selection {
  const labels = parseSelector(query['labelSelector'] ?? '');
  const fields = parseFieldSelector(query['fieldSelector'] ?? '');
  return {
    resource,
    namespace,
    matches: (object) => matches(labels, object.metadata.labels) && matchesFields(fields, object),
  };
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

export function routeOf(
  request: Pick<ApiRequest, 'method' | 'path'> & { readonly query?: ApiRequest['query'] },
): Route | undefined {
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
  const watching = ['true', '1'].includes(request.query?.['watch'] ?? '');
  const verbs: Record<string, string> = {
    GET: name ? 'get' : watching ? 'watch' : 'list',
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

function notAllowed(route: Route): ApiAnswer {
  return status(405, 'MethodNotAllowed', `the simulator does not ${route.verb} ${route.resource}`);
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
