import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../readiness';

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  // Liveness: answering at all proves the event loop turns. It stays 200 while draining,
  // so an orchestrator never kills a process that is finishing its in-flight requests.
  // Probes keep the default: a probe that succeeded in time logs its access line at debug, so
  // the probes load balancers and orchestrators send every few seconds stay out of the info log.
  app.get('/healthz', async () => {
    return { status: 'ok' };
  });

  app.get('/readyz', async (_request, reply) => {
    if (!readiness.isReady) reply.code(503);
    return { status: readiness.state };
  });
}
