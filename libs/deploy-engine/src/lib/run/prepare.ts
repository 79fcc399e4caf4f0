import {
  readDeployConfig,
  resolveEnvironment,
  type ResolvedEnvironment,
  selectEnvironment,
} from '../config/deploy-config';
import type { DeployRequest } from '../config/options';
import type { DeployProvider } from '../provider';
import type { EngineDeps } from './context';

export interface PreparedTarget {
  readonly environment: ResolvedEnvironment;
  readonly provider: DeployProvider;
}

/** The prepare phase: configuration → a provider for one environment. Local only; no remote call. */
export async function prepareTarget(
  request: Omit<DeployRequest, 'version'>,
  deps: EngineDeps,
): Promise<PreparedTarget> {
  const config = await readDeployConfig(request.configPath, deps.workspaceRoot);
  const name = selectEnvironment(config, request.environment);
  const environment = resolveEnvironment(config, name, request.overrides, deps.providers);
  const provider = environment.provider.create(environment.settings, { environment: name, env: deps.env });
  return { environment, provider };
}

/**
 * The flags to repeat in suggested commands so they hit the same target: `--config` when the run
 * used another file than the target's own (`defaultConfig`, when the caller knows it), the
 * environment and every override.
 */
export function targetFlags(
  environment: string,
  overrides: Readonly<Record<string, string | undefined>>,
  config?: { readonly used: string; readonly default?: string },
): string {
  const flags = config && config.used !== config.default ? [`--config ${config.used}`] : [];
  flags.push(`--environment ${environment}`);
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) flags.push(`--${key} ${value}`);
  return flags.join(' ');
}
