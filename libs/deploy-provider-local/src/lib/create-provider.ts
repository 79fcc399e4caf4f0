import type { EnvironmentSettings, ProviderContext } from '@slipway/deploy-engine';
import { type DockerEngine, DockerCliEngine, dockerCommandRunner } from './docker-engine';
import { LocalProvider } from './local-provider';
import { RegistryImages } from './registry-images';
import { type LocalSettings, toLocalSettings } from './settings';

export interface LocalProviderDeps {
  readonly docker: (context: ProviderContext) => DockerEngine;
  readonly images: (settings: LocalSettings) => RegistryImages;
}

const realDeps: LocalProviderDeps = {
  docker: (context) => new DockerCliEngine(dockerCommandRunner(context.env), context.env),
  images: (settings) => RegistryImages.for(settings.registry, settings.repository),
};

/** What `localProviderFactory.create` loads on first use (see factory.ts): the provider over its engine. */
export function createLocalProvider(
  settings: EnvironmentSettings,
  context: ProviderContext,
  deps: LocalProviderDeps = realDeps,
): LocalProvider {
  const local = toLocalSettings(settings);
  return new LocalProvider(local, context.environment, deps.docker(context), deps.images(local));
}
