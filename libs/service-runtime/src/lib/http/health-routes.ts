import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../readiness';

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  // Liveness: answering at all proves the event loop turns. It stays 200 while draining,
  // so an orchestrator never kills a process that is finishing its in-flight requests.
  // Probes write their access line at debug: load balancers and orchestrators call them every
  // few seconds from several nodes.
  app.get('/healthz', async (request) => {
    request.accessLogLevel = 'debug';
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    request.accessLogLevel = 'debug';
    if (!readiness.isReady) reply.code(503);
    return { status: readiness.state };
  });
}
