import fastify, { type FastifyInstance } from 'fastify';
import type { ConfigOf, SettingsSpec } from './config/read-config';
import type { RuntimeConfig, RuntimeSettings } from './config/runtime-config';
import { registerErrorHandlers } from './http/error-handlers';
import { registerHealthRoutes } from './http/health-routes';
import { trackInFlightResponses } from './http/in-flight-responses';
import { RequestLifecycle } from './http/request-lifecycle';
import { createLogging, type LoggerSettings } from './logging/logger-options';
import { requestIdFor } from './logging/request-id';
import { Readiness } from './readiness';

/** A service's settings: the runtime's, plus whatever the service reads itself. */
export type ServiceSettings = SettingsSpec & RuntimeSettings;

/** What a service adds to the runtime: its name, its settings, and its routes. */
export interface ServiceDefinition<S extends ServiceSettings> {
  readonly name: string;
  readonly settings: S;
  registerRoutes(app: FastifyInstance, config: ConfigOf<S>): void | Promise<void>;
}

export interface Service<S extends ServiceSettings> {
  readonly app: FastifyInstance;
  readonly readiness: Readiness;
  readonly config: ConfigOf<S>;
}

export interface BuildOptions {
  readonly logStream?: LoggerSettings['stream'];
}

/** A Fastify app with the shared behaviour wired in and the service's routes added; not listening yet. */
export async function buildService<S extends ServiceSettings>(
  definition: ServiceDefinition<S>,
  config: ConfigOf<S>,
  options: BuildOptions = {},
): Promise<Service<S>> {
  const runtime: RuntimeConfig = config;
  const readiness = new Readiness();
  const logging = createLogging({ service: definition.name, level: runtime.logLevel, stream: options.logStream });
  const app = fastify({
    loggerInstance: logging.logger,
    logController: new RequestLifecycle(logging.writeAccessLine, runtime.slowRequestMs, readiness),
    genReqId: requestIdFor,
    // While closing, requests that still arrive on open keep-alive sockets get a JSON 503.
    return503OnClosing: true,
  });
  const inFlight = trackInFlightResponses(app.server);
  readiness.onDraining(() => inFlight.closeAfterResponse());
  registerHealthRoutes(app, readiness);
  registerErrorHandlers(app);
  await definition.registerRoutes(app, config);
  return { app, readiness, config };
}

/** Starts listening and only then reports ready, so no probe sees 200 before requests can be served. */
export async function listen<S extends ServiceSettings>(service: Service<S>): Promise<string> {
  const { port, host }: RuntimeConfig = service.config;
  const address = await service.app.listen({ port, host });
  service.readiness.markReady();
  return address;
}
