import type { FastifyInstance } from 'fastify';
import type { BuildInfoConfig } from '../config/build-info';

/**
 * GET /version: which build is answering. What a deploy checks after a rollout (the rehearsal reads
 * it for every service), and what a bug report quotes.
 */
export function registerVersionRoute(app: FastifyInstance, build: BuildInfoConfig): void {
  // The answer never changes while the process lives: serialise it once, not per request.
  const body = JSON.stringify({ version: build.appVersion, commit: build.appCommit, builtAt: build.appBuiltAt });
  app.get('/version', (_request, reply) => {
    reply.type('application/json; charset=utf-8').send(body);
  });
}
