import type { ProviderContext, ProviderFactory } from '@slipway/deploy-engine';
import { type DockerEngine, DockerCliEngine, dockerCommandRunner } from './docker-engine';
import { LocalProvider } from './local-provider';
import { RegistryImages } from './registry-images';
import { LOCAL_SETTINGS, type LocalSettings, toLocalSettings, validateLocalSettings } from './settings';

export interface LocalProviderDeps {
  readonly docker: (context: ProviderContext) => DockerEngine;
  readonly images: (settings: LocalSettings) => RegistryImages;
}

const realDeps: LocalProviderDeps = {
  docker: (context) => new DockerCliEngine(dockerCommandRunner(context.env), context.env),
  images: (settings) => RegistryImages.for(settings.registry, settings.repository),
};

/**
 * `"provider": "local"` in deploy.json: the release image from an OCI registry (the local one on
 * 127.0.0.1 in a rehearsal) run as one container on this machine's Docker engine (DOCKER_HOST).
 */
export function createLocalProviderFactory(deps: LocalProviderDeps = realDeps): ProviderFactory {
  return {
    name: 'local',
    settings: LOCAL_SETTINGS,
    validate: validateLocalSettings,
    create(settings, context) {
      const local = toLocalSettings(settings);
      return new LocalProvider(local, context.environment, deps.docker(context), deps.images(local));
    },
  };
}

export const localProviderFactory: ProviderFactory = createLocalProviderFactory();
