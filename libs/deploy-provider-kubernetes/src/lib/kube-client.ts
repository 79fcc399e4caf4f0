import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as KubernetesClient from '@kubernetes/client-node';
import { invalidInput } from '@slipway/deploy-engine';
import type { KubeApi, Listed, Watched, WatchEvents, WatchQuery } from './kube-api';
import { httpStatusOf, kubeCall, toProviderError } from './kube-errors';
import type { KubernetesSettings } from './settings';

type Client = typeof KubernetesClient;
type Env = Readonly<Record<string, string | undefined>>;

let loaded: Client | undefined;

/**
 * @kubernetes/client-node is ESM-only. It is loaded on first use through Node's require(esm)
 * (Node ≥ 22.12; Jest needs --experimental-vm-modules), so importing this lib never loads it.
 */
export function loadKubernetesClient(): Client {
  loaded ??= require('@kubernetes/client-node') as Client;
  return loaded;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface KubeconfigSource {
  /** What was loaded, for messages: a path, `KUBECONFIG=…`, or `in-cluster service account`. */
  readonly source: string;
  readonly config: KubernetesClient.KubeConfig;
}

/**
 * The standard loading order (kubectl's): the `kubeconfig` setting; else KUBECONFIG (a
 * path-list, merged, first file's current-context wins); else ~/.kube/config; else the in-cluster
 * service account. Local files only; nothing remote.
 */
export function loadKubeconfig(
  settings: Pick<KubernetesSettings, 'kubeconfig'>,
  env: Env,
  client: Client = loadKubernetesClient(),
  serviceAccountToken = SERVICE_ACCOUNT_TOKEN,
): KubeconfigSource {
  const config = new client.KubeConfig();
  const fromFiles = (files: string[], source: string): KubeconfigSource => {
    for (const [index, file] of files.entries()) {
      if (!existsSync(file))
        throw invalidInput(
          `kubeconfig ${file} (from ${source}) does not exist; fix the path or leave it out for the standard loading order`,
        );
      try {
        if (index === 0) config.loadFromFile(file);
        else {
          const next = new client.KubeConfig();
          next.loadFromFile(file);
          mergeFirstWins(config, next);
        }
      } catch (error) {
        throw invalidInput(`kubeconfig ${file} cannot be read: ${(error as Error).message}`);
      }
    }
    return { source, config };
  };
  if (settings.kubeconfig) return fromFiles([settings.kubeconfig], 'the kubeconfig setting');
  const listed = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f !== '');
  if (listed.length > 0) return fromFiles(listed, `KUBECONFIG=${env['KUBECONFIG']}`);
  const home = env['HOME'] ?? homedir();
  const fallback = join(home, '.kube', 'config');
  if (existsSync(fallback)) return fromFiles([fallback], fallback);
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(serviceAccountToken)) {
    config.loadFromCluster();
    return { source: 'in-cluster service account', config };
  }
  throw invalidInput(
    `no kubeconfig found: set "kubeconfig" in the deploy config, or KUBECONFIG, or create ${fallback}`,
  );
}

/** kubectl's merge of a KUBECONFIG list: the first file to name a cluster, user or context wins. */
function mergeFirstWins(into: KubernetesClient.KubeConfig, from: KubernetesClient.KubeConfig): void {
  const has = (list: { name: string }[], name: string) => list.some((item) => item.name === name);
  for (const cluster of from.getClusters()) if (!has(into.getClusters(), cluster.name)) into.addCluster(cluster);
  for (const user of from.getUsers()) if (!has(into.getUsers(), user.name)) into.addUser(user);
  for (const context of from.getContexts()) if (!has(into.getContexts(), context.name)) into.addContext(context);
  if (!into.getCurrentContext()) into.setCurrentContext(from.getCurrentContext());
}

/** Picks the context and namespace; every problem here is local (exit 2, nothing remote touched). */
export function selectContext(
  loaded: KubeconfigSource,
  settings: Pick<KubernetesSettings, 'context' | 'namespace'>,
): { context: string; namespace: string; server: string } {
  const { config, source } = loaded;
  const names = config.getContexts().map((c) => c.name);
  const context = settings.context ?? config.getCurrentContext();
  if (!context || !config.getContextObject(context)) {
    const known = names.length > 0 ? names.join(', ') : 'none';
    throw invalidInput(
      settings.context
        ? `context "${settings.context}" is not in ${source}; it has: ${known}`
        : `${source} has no current-context; set "context" (one of: ${known})`,
    );
  }
  config.setCurrentContext(context);
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) throw invalidInput(`context "${context}" in ${source} names no cluster with a server`);
  const namespace = settings.namespace ?? config.getContextObject(context)?.namespace ?? 'default';
  return { context, namespace, server: cluster.server };
}

/** A KubeApi over @kubernetes/client-node for one context and namespace. */
export function connectKubernetes(
  settings: KubernetesSettings,
  env: Env,
  client: Client = loadKubernetesClient(),
): KubeApi {
  const loaded = loadKubeconfig(settings, env, client);
  const { context, namespace, server } = selectContext(loaded, settings);
  const apps = loaded.config.makeApiClient(client.AppsV1Api);
  const core = loaded.config.makeApiClient(client.CoreV1Api);
  const listed = <T>(list: { items: T[]; metadata?: { resourceVersion?: string } }): Listed<T> => ({
    items: list.items,
    resourceVersion: list.metadata?.resourceVersion ?? '',
  });
  return {
    endpoint: `${server} (context ${context})`,
    context,
    namespace,
    readDeployment: (name) => kubeCall('get deployment', () => apps.readNamespacedDeployment({ name, namespace })),
    listDeployments: (fieldSelector) =>
      kubeCall('list deployments', async () =>
        listed(await apps.listNamespacedDeployment({ namespace, fieldSelector })),
      ),
    patchDeployment: (name, patch) =>
      kubeCall('patch deployment', () =>
        apps.patchNamespacedDeployment({ name, namespace, body: patch, fieldManager: 'slipway' }),
      ),
    listReplicaSets: (labelSelector) =>
      kubeCall('list replicasets', async () =>
        listed(await apps.listNamespacedReplicaSet({ namespace, labelSelector })),
      ),
    readReplicaSet: (name) => kubeCall('get replicaset', () => apps.readNamespacedReplicaSet({ name, namespace })),
    listPods: (labelSelector) =>
      kubeCall('list pods', async () => listed(await core.listNamespacedPod({ namespace, labelSelector }))),
    namespaceExists: async () => {
      try {
        await core.readNamespace({ name: namespace });
        return true;
      } catch (error) {
        const status = httpStatusOf(error);
        if (status === 404) return false;
        return undefined;
      }
    },
    watch: (resource, query, events) => watchCollection(client, loaded.config, namespace, resource, query, events),
  };
}

const WATCH_PATHS: Readonly<Record<keyof Watched, string>> = {
  deployments: '/apis/apps/v1/namespaces/{ns}/deployments',
  replicasets: '/apis/apps/v1/namespaces/{ns}/replicasets',
  pods: '/api/v1/namespaces/{ns}/pods',
};

/**
 * client-node's Watch, as the KubeApi port promises it: resolves once the server answered 200,
 * rejects (as a ProviderError with the HTTP status) when it answered anything else. Watch events
 * arrive as plain JSON; client-node's public `loadYaml` turns them into the same typed models (Date
 * timestamps) its list calls return.
 */
function watchCollection<R extends keyof Watched>(
  client: Client,
  config: KubernetesClient.KubeConfig,
  namespace: string,
  resource: R,
  query: WatchQuery,
  events: WatchEvents<Watched[R]>,
): Promise<() => void> {
  const operation = `watch ${resource}`;
  return new Promise((resolve, reject) => {
    let answered = false;
    let endedEarly: { error: unknown } | undefined;
    const done = (error: unknown) => {
      if (answered) events.ended(error ?? undefined);
      else endedEarly = { error };
    };
    const onEvent = (type: string, object: unknown) =>
      events.event(
        type,
        (['ADDED', 'MODIFIED', 'DELETED'].includes(type)
          ? client.loadYaml(JSON.stringify(object))
          : object) as Watched[R],
      );
    new client.Watch(config)
      .watch(WATCH_PATHS[resource].replace('{ns}', namespace), { ...query, allowWatchBookmarks: true }, onEvent, done)
      .then(
        (controller) => {
          answered = true;
          if (endedEarly?.error) return reject(toProviderError(operation, withStatus(endedEarly.error)));
          resolve(() => controller.abort());
          // The server answered 200 and closed at once: the caller watches again.
          if (endedEarly) events.ended(undefined);
        },
        (error: unknown) => reject(toProviderError(operation, error)),
      );
  });
}

/** client-node's Watch names the HTTP status `statusCode`; the error mapping reads `code`. */
function withStatus(error: unknown): unknown {
  const statusCode = (error as { statusCode?: number }).statusCode;
  return statusCode === undefined ? error : Object.assign(new Error((error as Error).message), { code: statusCode });
}
