import type { ProviderFactory } from '@slipway/deploy-engine';
import type * as Implementation from './create-provider';
import { LOCAL_SETTINGS, validateLocalSettings } from './settings';

/**
 * `"provider": "local"` in deploy.json: the release image from an OCI registry (the local one on
 * 127.0.0.1 in a rehearsal) run as one container on this machine's Docker engine (DOCKER_HOST).
 * Every deploy reads each provider's name, settings and validate; the provider itself loads in
 * `create`, on first use, so a deploy to ECS or Kubernetes does not pay its ~0.05 CPU-s.
 */
export function createLocalProviderFactory(deps?: Implementation.LocalProviderDeps): ProviderFactory {
  return {
    name: 'local',
    settings: LOCAL_SETTINGS,
    validate: validateLocalSettings,
    create(settings, context) {
      const { createLocalProvider } = require('./create-provider') as typeof Implementation;
      return createLocalProvider(settings, context, deps);
    },
  };
}

export const localProviderFactory: ProviderFactory = createLocalProviderFactory();
