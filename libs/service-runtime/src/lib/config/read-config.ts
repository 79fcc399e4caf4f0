import type { Setting } from './setting';

export type SettingsSpec = Readonly<Record<string, Setting<unknown>>>;

export type ConfigOf<S extends SettingsSpec> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export interface ConfigProblem {
  readonly variable: string;
  readonly value: string;
  readonly allowed: string;
}

/** Every invalid variable at once, so a bad deploy is fixed in one round, one line per variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

export function describeProblem({ variable, value, allowed }: ConfigProblem): string {
  return `invalid configuration: ${variable}=${JSON.stringify(value)} is not allowed; expected ${allowed}`;
}

/**
 * Reads every setting of `spec` from `env`. Unset means "use the default"; an empty string is
 * an error, because it almost always comes from a template variable that was never filled in.
 */
export function readConfig<S extends SettingsSpec>(spec: S, env: NodeJS.ProcessEnv): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, setting] of Object.entries(spec)) {
    const raw = env[setting.variable];
    if (raw === undefined) {
      config[key] = setting.defaultValue;
      continue;
    }
    const value = setting.parse(raw);
    if (value === undefined) problems.push({ variable: setting.variable, value: raw, allowed: setting.allowed });
    else config[key] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}
