import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as KubernetesClient from '@kubernetes/client-node';
import { invalidInput } from '@slipway/deploy-engine';
import type { KubeApi } from './kube-api';
import { httpStatusOf, kubeCall } from './kube-errors';
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
  return {
    endpoint: `${server} (context ${context})`,
    context,
    namespace,
    readDeployment: (name) => kubeCall('get deployment', () => apps.readNamespacedDeployment({ name, namespace })),
    patchDeployment: (name, patch) =>
      kubeCall('patch deployment', () =>
        apps.patchNamespacedDeployment({ name, namespace, body: patch, fieldManager: 'slipway' }),
      ),
    listReplicaSets: (labelSelector) =>
      kubeCall(
        'list replicasets',
        async () => (await apps.listNamespacedReplicaSet({ namespace, labelSelector })).items,
      ),
    readReplicaSet: (name) => kubeCall('get replicaset', () => apps.readNamespacedReplicaSet({ name, namespace })),
    listPods: (labelSelector) =>
      kubeCall('list pods', async () => (await core.listNamespacedPod({ namespace, labelSelector })).items),
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
  };
}
