import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logging } from './logger-options';

export interface AccessLogRouteConfig {
  /** Routes that machines poll (health probes) log their access line at debug. */
  readonly accessLog?: 'debug';
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
    const level = (request.routeOptions.config as AccessLogRouteConfig).accessLog ?? 'info';
    // The route's logger level (LOG_LEVEL, or a route override) decides, exactly as for pino's lines.
    if (LEVEL_VALUES[level]! < (LEVEL_VALUES[reply.log.level] ?? Infinity)) return;
    this.writeAccessLine(level, { requestId: request.id, method: request.method, url: request.url, statusCode: reply.statusCode, durationMs });
  }
}
