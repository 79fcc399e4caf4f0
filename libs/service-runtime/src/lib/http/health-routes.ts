import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../readiness';

/**
 * Probe routes write their access line at debug: load balancers and orchestrators call them
 * every few seconds from several nodes, and those lines would drown the access log.
 */
const PROBE_ROUTE = { config: { accessLog: 'debug' } } as const;

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  // Liveness: answering at all proves the event loop turns. It stays 200 while draining,
  // so an orchestrator never kills a process that is finishing its in-flight requests.
  app.get('/healthz', PROBE_ROUTE, async () => ({ status: 'ok' }));

  app.get('/readyz', PROBE_ROUTE, async (_request, reply) => {
    if (!readiness.isReady) reply.code(503);
    return { status: readiness.state };
  });
}
