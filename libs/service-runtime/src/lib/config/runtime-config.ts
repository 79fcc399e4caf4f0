import { ConfigError, readConfig, type ConfigOf, type SettingsSpec } from './read-config';
import { hostSetting, integerSetting, oneOfSetting } from './setting';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * ECS sends SIGKILL 30 s after SIGTERM (the default stopTimeout). The whole shutdown must end
 * well before that, so the ceiling leaves 5 s for the log flush and process teardown.
 */
export const SHUTDOWN_CEILING_MS = 25_000;

/** What every service reads; a service spreads this into its own spec and adds its variables. */
export const runtimeSettings = {
  port: integerSetting('PORT', 3000, 0, 65_535),
  host: hostSetting('HOST', '0.0.0.0'),
  logLevel: oneOfSetting('LOG_LEVEL', 'info', LOG_LEVELS),
  shutdownTimeoutMs: integerSetting('SHUTDOWN_TIMEOUT_MS', 10_000, 1, SHUTDOWN_CEILING_MS),
  /**
   * How long readiness answers 503 while the listener still accepts connections, before it
   * closes. 0 suits ECS behind an ALB: ECS deregisters the target and waits out the
   * deregistration delay *before* it sends SIGTERM, so no new traffic arrives. Where SIGTERM
   * races the routing update (Kubernetes endpoints, ECS Service Connect / Cloud Map), set it to
   * the time the router needs to notice, e.g. readiness period x failure threshold (5000 or so).
   */
  drainDelayMs: integerSetting('SHUTDOWN_DRAIN_DELAY_MS', 0, 0, SHUTDOWN_CEILING_MS - 1),
  /**
   * A request that took at least this long gets its access line at info even when it succeeded
   * (see AccessLogController); 0 puts every request's line at info.
   */
  slowRequestMs: integerSetting('SLOW_REQUEST_MS', 1000, 0, 3_600_000),
} as const;

export type RuntimeSettings = typeof runtimeSettings;
export type RuntimeConfig = ConfigOf<RuntimeSettings>;

/** Reads a service's settings and checks the rules that span several variables. */
export function readServiceConfig<S extends SettingsSpec & RuntimeSettings>(
  spec: S,
  env: NodeJS.ProcessEnv,
): ConfigOf<S> {
  const config = readConfig(spec, env);
  const runtime = config as unknown as RuntimeConfig;
  // The drain delay is spent inside the shutdown timeout, which bounds the whole shutdown.
  if (runtime.drainDelayMs >= runtime.shutdownTimeoutMs) {
    throw new ConfigError([
      {
        variable: spec.drainDelayMs.variable,
        value: String(runtime.drainDelayMs),
        allowed: `an integer below SHUTDOWN_TIMEOUT_MS (${runtime.shutdownTimeoutMs}), because the drain delay is part of the shutdown budget`,
      },
    ]);
  }
  return config;
}
