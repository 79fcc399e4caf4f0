import type { ProviderFactory } from '@slipway/deploy-engine';
import type * as Implementation from './create-provider';
import { KUBERNETES_SETTINGS, validateKubernetesSettings } from './settings';

/**
 * `"provider": "kubernetes"`. Every deploy reads each provider's name, settings and validate; the
 * provider itself loads in `create`, on first use, so a deploy to ECS or local Docker does not pay
 * its ~0.04 CPU-s (nor @kubernetes/client-node's ~0.3, which only connecting to a cluster loads).
 */
export function createKubernetesProviderFactory(deps?: Implementation.KubernetesProviderDeps): ProviderFactory {
  return {
    name: 'kubernetes',
    settings: KUBERNETES_SETTINGS,
    validate: validateKubernetesSettings,
    create(settings, context) {
      const { createKubernetesProvider } = require('./create-provider') as typeof Implementation;
      return createKubernetesProvider(settings, context, deps);
    },
  };
}

export const kubernetesProviderFactory: ProviderFactory = createKubernetesProviderFactory();
