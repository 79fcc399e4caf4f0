import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AccessLevel } from './access-line';
import type { Logging } from './logger-options';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The level of this request's access line: 'info', or 'debug' for requests that machines
     * send every few seconds (health probes), which would otherwise drown the access log.
     * A handler lowers it; a per-request field, because `request.routeOptions` builds a new
     * object on every read.
     */
    accessLogLevel: AccessLevel;
  }
}

export function decorateAccessLogLevel(app: FastifyInstance): void {
  app.decorateRequest('accessLogLevel', 'info');
}

const LEVEL_VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * One access line per request, written when the response is done, instead of Fastify's two
 * ("incoming request" + "request completed"): it carries everything needed (method, url,
 * status, duration, request id), and it is rendered by a template (see access-line.ts).
 */
export class AccessLogController extends LogController {
  constructor(private readonly writeAccessLine: Logging['writeAccessLine']) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // Deliberately silent: the completion line below covers the request.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    if (error) {
      const line = { method: request.method, url: request.url, statusCode: reply.statusCode, durationMs, err: error };
      reply.log.error(line, 'request errored');
      return;
    }
    const level = request.accessLogLevel;
    // The route's logger level (LOG_LEVEL, or a route override) decides, exactly as for pino's lines.
    if (LEVEL_VALUES[level]! < (LEVEL_VALUES[reply.log.level] ?? Infinity)) return;
    this.writeAccessLine(level, { requestId: request.id, method: request.method, url: request.url, statusCode: reply.statusCode, durationMs });
  }
}
