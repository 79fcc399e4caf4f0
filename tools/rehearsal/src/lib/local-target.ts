import { EXIT, RehearsalError } from './exit-codes';
import type { RehearsalOptions } from './options';

/** Where the rehearsal publishes and deploys one service: its environment's settings with the overrides applied. */
export interface LocalTarget {
  readonly app: string;
  readonly environment: string;
  readonly registry: string;
  readonly repository: string;
  readonly container: string;
  readonly port: number;
  /** Deploy flags for the settings that differ from the deploy config (so the printed commands stay short). */
  readonly overrides: readonly string[];
}

/**
 * Pure. The registry is the one the container environment started (SLIPWAY_TEST_REGISTRY) unless a flag
 * names another: the rehearsal publishes there, so the deploy must pull from there.
 */
export function resolveTarget(
  app: string,
  settings: Readonly<Record<string, string>> | undefined,
  options: RehearsalOptions,
  startedRegistry: string | undefined,
): LocalTarget {
  const configPath = deployConfigPath(app);
  if (!settings) {
    throw new RehearsalError(
      EXIT.notRehearsable,
      `${configPath} has no "${options.environment}" environment; add one with "provider": "local" (see docs/runbooks/rehearse.md)`,
    );
  }
  if (settings['provider'] !== 'local') {
    throw new RehearsalError(
      EXIT.notRehearsable,
      `environment "${options.environment}" in ${configPath} uses provider "${settings['provider']}"; the rehearsal deploys only to a "local" environment`,
    );
  }
  const chosen = {
    registry: options.registry ?? startedRegistry ?? settings['registry'],
    repository: options.repository ?? settings['repository'],
    container: options.container ?? settings['container'],
    port: options.port ?? settings['port'] ?? '3000',
  };
  const missing = Object.entries(chosen)
    .filter(([, value]) => !value)
    .map(([key]) => key);
  if (missing.length > 0)
    throw new RehearsalError(
      EXIT.notRehearsable,
      `environment "${options.environment}" in ${configPath} needs ${missing.join(', ')} (or --${missing[0]})`,
    );
  const overrides: string[] = [];
  for (const [key, value] of Object.entries(chosen))
    if (value !== (settings[key] ?? (key === 'port' ? '3000' : undefined))) overrides.push(`--${key}`, value as string);
  return {
    app,
    environment: options.environment,
    ...(chosen as Record<keyof typeof chosen, string>),
    port: Number(chosen.port),
    overrides,
  };
}

/** Where a service's deploy config is: apps/<name>/deploy.json, the file the Slipway plugin infers its targets from. */
export function deployConfigPath(app: string): string {
  return `apps/${app}/deploy.json`;
}

/** Two services cannot answer on one port of this machine: refuses a plan that would try. Pure. */
export function checkPorts(targets: readonly LocalTarget[]): void {
  for (const [i, target] of targets.entries()) {
    const other = targets.slice(0, i).find((earlier) => earlier.port === target.port);
    if (other)
      throw new RehearsalError(
        EXIT.notRehearsable,
        `${other.app} and ${target.app} both use port ${target.port} in their "${target.environment}" environment: give one another port in its deploy.json`,
      );
  }
}
