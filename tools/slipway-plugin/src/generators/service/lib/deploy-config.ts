import { renameService } from './rename';

/** apps/<name>/deploy.json as the deploy engine reads it: environment → settings (all strings). */
export interface DeployConfigFile {
  $comment?: string;
  environments: Record<string, Record<string, string>>;
}

/** Settings that name the service itself; every other setting (region, cluster, registry, …) is shared. */
const IDENTITY_KEYS = ['service', 'container', 'deployment', 'repository'];

/** Where a service runs when the workspace has no other service to take its environments from. */
export function defaultDeployConfig(name: string, port: number): DeployConfigFile {
  const ecs = (environment: string) => ({
    provider: 'ecs',
    region: 'eu-west-1',
    cluster: `slipway-${environment}`,
    service: name,
    container: name,
    repository: `slipway/${name}`,
  });
  return {
    $comment: `Where ${name} runs. Infrastructure is created elsewhere; Slipway only reads these names.`,
    environments: {
      staging: ecs('staging'),
      production: ecs('production'),
      local: {
        provider: 'local',
        registry: '127.0.0.1:5055',
        repository: `slipway/${name}`,
        container: `slipway-${name}-local`,
        port: String(port),
      },
    },
  };
}

/**
 * The same environments as another service's deploy config, for the new service: shared settings are
 * copied, the ones naming the service (service, container, deployment, repository) renamed, and the
 * local environment given its own port. Pure.
 */
export function deployConfigLike(
  template: { readonly name: string; readonly config: DeployConfigFile },
  name: string,
  port: number,
): DeployConfigFile {
  const environments: DeployConfigFile['environments'] = {};
  for (const [environment, settings] of Object.entries(template.config.environments ?? {})) {
    if (environment.startsWith('$')) continue;
    environments[environment] = Object.fromEntries(
      Object.entries(settings).map(([key, value]) => [
        key,
        renamedSetting(key, value, settings, template.name, name, port),
      ]),
    );
  }
  return {
    ...(template.config.$comment ? { $comment: renameService(template.config.$comment, template.name, name) } : {}),
    environments,
  };
}

function renamedSetting(
  key: string,
  value: string,
  settings: Record<string, string>,
  from: string,
  to: string,
  port: number,
): string {
  if (key === 'port' && settings['provider'] === 'local') return String(port);
  if (key.startsWith('$')) return renameService(value, from, to);
  if (!IDENTITY_KEYS.includes(key)) return value;
  const renamed = renameService(value, from, to);
  if (renamed !== value) return renamed;
  // The template's own value does not carry its name: the new service's name alone, in the same place.
  return key === 'repository' ? value.replace(/[^/]+$/, to) : to;
}

/** The ports of the local environments of every deploy config: a new service must take another. */
export function localPorts(configs: readonly DeployConfigFile[]): number[] {
  return configs.flatMap((config) =>
    Object.values(config.environments ?? {})
      .filter((settings) => settings?.['provider'] === 'local')
      // The local provider's own default when a config names no port.
      .map((settings) => Number(settings['port'] ?? '3000')),
  );
}
