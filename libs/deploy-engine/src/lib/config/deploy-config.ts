import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { invalidInput } from '../errors';
import type { EnvironmentSettings, ProviderFactory } from '../provider';

/** `apps/<app>/deploy.json`: where each environment runs. Keys starting with `$` are comments. */
export interface DeployConfig {
  readonly path: string;
  readonly environments: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly provider: ProviderFactory;
  readonly settings: EnvironmentSettings;
}

/** Names an unsuspecting default must never pick. */
const PRODUCTION_NAMES = /^(prod|production|prd|live)$/i;

export async function readDeployConfig(configPath: string, workspaceRoot: string): Promise<DeployConfig> {
  const path = isAbsolute(configPath) ? configPath : join(workspaceRoot, configPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw invalidInput(
      `cannot read deploy config ${configPath}: ${(error as Error).message}. Set the "config" option of the target to the app's deploy.json.`,
    );
  }
  return parseDeployConfig(text, configPath);
}

export function parseDeployConfig(text: string, path: string): DeployConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidInput(`deploy config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(data) || !isObject(data['environments'])) {
    throw invalidInput(
      `deploy config ${path} needs an "environments" object, e.g. {"environments": {"staging": {"provider": "ecs", …}}}`,
    );
  }
  const environments: Record<string, Record<string, string>> = {};
  for (const [name, raw] of Object.entries(data['environments'])) {
    if (name.startsWith('$')) continue;
    if (!isObject(raw)) throw invalidInput(`environment "${name}" in ${path} must be an object of settings`);
    const settings: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('$')) continue;
      if (typeof value !== 'string') {
        throw invalidInput(
          `setting "${key}" of environment "${name}" in ${path} must be a string, got ${JSON.stringify(value)}`,
        );
      }
      settings[key] = value;
    }
    environments[name] = settings;
  }
  if (Object.keys(environments).length === 0) throw invalidInput(`deploy config ${path} defines no environments`);
  return { path, environments };
}

/**
 * `--environment` is required when several environments exist. A lone environment is used by
 * default, unless it looks like production: production is never a silent default.
 */
export function selectEnvironment(config: DeployConfig, requested: unknown): string {
  const names = Object.keys(config.environments);
  if (requested === undefined || requested === '') {
    if (names.length === 1 && !PRODUCTION_NAMES.test(names[0])) return names[0];
    throw invalidInput(`no environment given: add --environment <${names.join('|')}> (after "--")`);
  }
  if (typeof requested !== 'string') throw invalidInput(`--environment needs a name: one of ${names.join(', ')}`);
  if (!(requested in config.environments)) {
    throw invalidInput(`unknown environment "${requested}": ${config.path} defines ${names.join(', ')}`);
  }
  return requested;
}

/**
 * Merges flag overrides into the environment's settings and validates them against the provider,
 * all before any remote call.
 */
export function resolveEnvironment(
  config: DeployConfig,
  name: string,
  overrides: Readonly<Record<string, string | undefined>>,
  providers: readonly ProviderFactory[],
): ResolvedEnvironment {
  const { provider: providerName, ...configured } = config.environments[name];
  const known = providers.map((p) => p.name).join(', ');
  if (!providerName) throw invalidInput(`environment "${name}" in ${config.path} has no "provider" (one of: ${known})`);
  const provider = providers.find((p) => p.name === providerName);
  if (!provider)
    throw invalidInput(
      `environment "${name}" in ${config.path} uses unknown provider "${providerName}" (known: ${known})`,
    );

  const allowed = new Set(provider.settings.map((s) => s.name));
  const readable = [...allowed].join(', ');
  for (const key of Object.keys(configured)) {
    if (!allowed.has(key))
      throw invalidInput(
        `environment "${name}" in ${config.path} has unknown setting "${key}"; ${provider.name} reads: ${readable}`,
      );
  }
  const settings: Record<string, string> = { ...configured };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!allowed.has(key))
      throw invalidInput(
        `--${key} does not apply to ${provider.name} environments; ${provider.name} reads: ${readable}`,
      );
    if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`--${key} needs a non-empty value`);
    settings[key] = value.trim();
  }
  const problems = [
    ...provider.settings
      .filter((s) => s.required && !settings[s.name])
      .map((s) => `"${s.name}" is missing (${s.description}); set it in ${config.path} or pass --${s.name}`),
    ...provider.validate(settings),
  ];
  if (problems.length > 0) {
    throw invalidInput(`environment "${name}" is not usable:\n  - ${problems.join('\n  - ')}`, { problems });
  }
  return { name, provider, settings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
