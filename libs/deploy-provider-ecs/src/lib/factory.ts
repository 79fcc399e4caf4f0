import type { ProviderFactory } from '@slipway/deploy-engine';
import type * as Implementation from './create-provider';
import { ECS_SETTINGS, validateEcsSettings } from './settings';

/**
 * `"provider": "ecs"`. Every deploy reads each provider's name, settings and validate; only a deploy
 * to ECS needs the provider. So the AWS SDK and the provider load in `create`, on first use: loading
 * them costs about 0.1 CPU-s, which each deploy to local Docker or Kubernetes would pay for nothing.
 */
export function createEcsProviderFactory(
  clients?: (region: string | undefined) => Implementation.AwsClients,
): ProviderFactory {
  return {
    name: 'ecs',
    settings: ECS_SETTINGS,
    validate: validateEcsSettings,
    create(settings) {
      const { createEcsProvider } = require('./create-provider') as typeof Implementation;
      return createEcsProvider(settings, clients);
    },
  };
}

export const ecsProviderFactory: ProviderFactory = createEcsProviderFactory();
