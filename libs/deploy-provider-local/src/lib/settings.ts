import type { EnvironmentSettings, SettingSpec } from '@slipway/deploy-engine';
import { parseRegistryHost, parseRepository } from '@slipway/image-registry/reference';

export interface LocalSettings {
  /** OCI registry host[:port] holding the release images, e.g. `127.0.0.1:5055`. */
  readonly registry: string;
  /** Repository in that registry, e.g. `slipway/api`. */
  readonly repository: string;
  /** Name of the Docker container that is the environment. */
  readonly container: string;
  /** Port the app answers on, on the host. */
  readonly port: number;
  /**
   * `host`: the container shares the host's network and listens on `port` (PORT=<port>): the only
   * mode on an engine without a bridge. Any other Docker network: `-p 127.0.0.1:<port>:<containerPort>`.
   */
  readonly network: string;
  /** Port the app listens on inside the container when the network is not `host` (the image's PORT). */
  readonly containerPort: number;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_NETWORK = 'host';

export const LOCAL_SETTINGS: readonly SettingSpec[] = [
  {
    name: 'registry',
    required: true,
    description: 'OCI registry host[:port] holding the release images, e.g. 127.0.0.1:5055',
  },
  {
    name: 'repository',
    required: true,
    description: 'repository in that registry holding the release images, e.g. slipway/api',
  },
  {
    name: 'container',
    required: true,
    description: 'name of the Docker container that is this environment, e.g. slipway-api-local',
  },
  { name: 'port', required: false, description: `port the app answers on, on this machine (default ${DEFAULT_PORT})` },
  {
    name: 'network',
    required: false,
    description:
      'Docker network: "host" (default; the app listens on the port itself) or e.g. "bridge" ' +
      '(the port is published on 127.0.0.1 to containerPort)',
  },
  {
    name: 'containerPort',
    required: false,
    description: `port inside the container when the network is not "host" (default ${DEFAULT_PORT})`,
  },
];

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/** Pure validation of a `local` environment: every problem at once, each with its fix. */
export function validateLocalSettings(settings: EnvironmentSettings): string[] {
  const problems: string[] = [];
  const { registry, repository, container, port, network, containerPort } = settings;
  if (registry !== undefined) problems.push(...check(() => parseRegistryHost(registry)));
  if (repository !== undefined) problems.push(...check(() => parseRepository(repository)));
  if (container !== undefined && !CONTAINER_NAME.test(container)) {
    problems.push(
      `container "${container}" is not a Docker container name ` +
        '(letters, digits, _ . -; starting with a letter or digit)',
    );
  }
  for (const [key, value] of [
    ['port', port],
    ['containerPort', containerPort],
  ] as const) {
    if (value !== undefined && parsePort(value) === undefined)
      problems.push(`${key} "${value}" is not a TCP port (1-65535)`);
  }
  if (network !== undefined && !NETWORK_NAME.test(network))
    problems.push(`network "${network}" is not a Docker network name (host, bridge, or a network you created)`);
  return problems;
}

/** Settings after validation; the defaults filled in. */
export function toLocalSettings(settings: EnvironmentSettings): LocalSettings {
  return {
    registry: parseRegistryHost(settings['registry']),
    repository: settings['repository'],
    container: settings['container'],
    port: parsePort(settings['port'] ?? String(DEFAULT_PORT)) ?? DEFAULT_PORT,
    network: settings['network'] ?? DEFAULT_NETWORK,
    containerPort: parsePort(settings['containerPort'] ?? String(DEFAULT_PORT)) ?? DEFAULT_PORT,
  };
}

export function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function check(parse: () => unknown): string[] {
  try {
    parse();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
