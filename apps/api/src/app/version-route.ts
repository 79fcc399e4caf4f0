import type { FastifyInstance } from 'fastify';

export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly builtAt: string;
}

/** Which build is answering: what a deploy checks after a rollout, and what a bug report quotes. */
export function registerVersionRoute(app: FastifyInstance, build: BuildInfo): void {
  // The answer never changes while the process lives: serialise it once, not per request.
  const body = JSON.stringify({ version: build.version, commit: build.commit, builtAt: build.builtAt });
  app.get('/version', (_request, reply) => {
    reply.type('application/json; charset=utf-8').send(body);
  });
}
