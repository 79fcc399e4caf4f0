import { ConfigError, type ConfigOf } from './config/read-config';
import { readServiceConfig, type RuntimeConfig } from './config/runtime-config';
import { exitAfterFlush } from './exit-after-flush';
import { ExitCode, type ProcessPort } from './process-port';
import {
  buildService,
  listen,
  type BuildOptions,
  type Service,
  type ServiceDefinition,
  type ServiceSettings,
} from './service';
import { installGracefulShutdown } from './shutdown/graceful-shutdown';

/**
 * The whole life of a service process: validate the environment, build, listen, and shut
 * down gracefully on SIGTERM/SIGINT. A service's `main.ts` is one call to this.
 * Resolves to the running service, or to `undefined` when it exited instead.
 */
export async function runService<S extends ServiceSettings>(
  definition: ServiceDefinition<S>,
  proc: ProcessPort = process,
  options: BuildOptions = {},
): Promise<Service<S> | undefined> {
  let config: ConfigOf<S>;
  try {
    config = readServiceConfig(definition.settings, proc.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    proc.stderr.write(`${error.message}\n`);
    proc.exit(ExitCode.badConfig);
    return undefined;
  }

  const service = await buildService(definition, config, options);
  const { app, readiness } = service;
  const runtime: RuntimeConfig = config;
  proc.on('uncaughtException', (error) => exitOnFatal(error, 'uncaught exception'));
  proc.on('unhandledRejection', (error) => exitOnFatal(error, 'unhandled promise rejection'));
  installGracefulShutdown(
    { app, readiness, drainDelayMs: runtime.drainDelayMs, timeoutMs: runtime.shutdownTimeoutMs },
    proc,
  );

  try {
    const address = await listen(service);
    app.log.info({ address }, `${definition.name} is listening and ready`);
  } catch (error) {
    exitOnFatal(error, `cannot listen on ${runtime.host}:${runtime.port}`);
    return undefined;
  }
  return service;

  // State after an escaped error is unknown: exit and let the orchestrator start a fresh task.
  function exitOnFatal(error: unknown, what: string): void {
    app.log.fatal({ err: error }, `${what}: exiting`);
    exitAfterFlush(app.log, proc, ExitCode.failure);
  }
}
