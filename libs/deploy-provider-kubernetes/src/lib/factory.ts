import type { ProviderContext, ProviderFactory } from '@slipway/deploy-engine';
import { splitImageRepository } from './image-repository';
import type { KubeApi } from './kube-api';
import { connectKubernetes } from './kube-client';
import { KubernetesProvider } from './kubernetes-provider';
import { defaultRegistryReader, OciImages, type RegistryReaderFactory } from './oci-images';
import { KUBERNETES_SETTINGS, type KubernetesSettings, toKubernetesSettings, validateKubernetesSettings } from './settings';

export interface KubernetesProviderDeps {
  /** Default: @kubernetes/client-node with the standard kubeconfig loading order. */
  readonly connect?: (settings: KubernetesSettings, env: ProviderContext['env']) => KubeApi;
  /** Default: the OCI distribution API with docker-login or ECR credentials. */
  readonly registry?: (env: ProviderContext['env']) => RegistryReaderFactory;
}

export function createKubernetesProviderFactory(deps: KubernetesProviderDeps = {}): ProviderFactory {
  const connect = deps.connect ?? connectKubernetes;
  const registry = deps.registry ?? defaultRegistryReader;
  return {
    name: 'kubernetes',
    settings: KUBERNETES_SETTINGS,
    validate: validateKubernetesSettings,
    create(settings, context) {
      const kubernetesSettings = toKubernetesSettings(settings);
      const repository = splitImageRepository(kubernetesSettings.repository);
      // validate() ran first, so this only guards against a caller that skipped it.
      if (!repository.ok) throw new Error(repository.problem);
      const kube = connect(kubernetesSettings, context.env);
      return new KubernetesProvider(kubernetesSettings, kube, new OciImages(repository, registry(context.env)));
    },
  };
}

export const kubernetesProviderFactory: ProviderFactory = createKubernetesProviderFactory();
