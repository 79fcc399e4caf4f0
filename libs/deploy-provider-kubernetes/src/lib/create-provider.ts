import type { EnvironmentSettings, ProviderContext } from '@slipway/deploy-engine';
import { splitImageRepository } from './image-repository';
import type { KubeApi } from './kube-api';
import { connectKubernetes } from './kube-client';
import { KubernetesProvider } from './kubernetes-provider';
import { defaultRegistryReader, OciImages, type RegistryReaderFactory } from './oci-images';
import { type KubernetesSettings, toKubernetesSettings } from './settings';

export interface KubernetesProviderDeps {
  /** Default: @kubernetes/client-node with the standard kubeconfig loading order. */
  readonly connect?: (settings: KubernetesSettings, env: ProviderContext['env']) => KubeApi;
  /** Default: the OCI distribution API with docker-login or ECR credentials. */
  readonly registry?: (env: ProviderContext['env']) => RegistryReaderFactory;
}

/** What `kubernetesProviderFactory.create` loads on first use (see factory.ts): the provider over its cluster. */
export function createKubernetesProvider(
  settings: EnvironmentSettings,
  context: ProviderContext,
  deps: KubernetesProviderDeps = {},
): KubernetesProvider {
  const connect = deps.connect ?? connectKubernetes;
  const registry = deps.registry ?? defaultRegistryReader;
  const kubernetesSettings = toKubernetesSettings(settings);
  const repository = splitImageRepository(kubernetesSettings.repository);
  // validate() ran first, so this only guards against a caller that skipped it.
  if (!repository.ok) throw new Error(repository.problem);
  const kube = connectOrDefer(() => connect(kubernetesSettings, context.env), kubernetesSettings);
  return new KubernetesProvider(kubernetesSettings, kube, new OciImages(repository, registry(context.env)));
}

/**
 * Loading the kubeconfig is local and fails fast (no file, unknown context). The failure is kept
 * for the first call rather than thrown here, so `deploy-status` still reads the other
 * environments and reports this one's problem in its row; `deploy` stops at its first read of
 * the cluster with exit 2, nothing changed.
 */
export function connectOrDefer(connect: () => KubeApi, settings: KubernetesSettings): KubeApi {
  try {
    return connect();
  } catch (error) {
    const fail = () => Promise.reject(error);
    return {
      endpoint: '(kubeconfig not loaded)',
      context: settings.context ?? 'current-context',
      namespace: settings.namespace ?? 'of the context',
      readDeployment: fail,
      listDeployments: fail,
      patchDeployment: fail,
      listReplicaSets: fail,
      readReplicaSet: fail,
      listPods: fail,
      namespaceExists: fail,
      watch: fail,
    };
  }
}
