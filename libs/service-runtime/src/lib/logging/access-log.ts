import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export interface AccessLogRouteConfig {
  /** Routes that machines poll (health probes) log their access line at debug. */
  readonly accessLog?: 'debug';
}

/**
 * One access line per request, written when the response is done, instead of Fastify's two
 * ("incoming request" + "request completed"): half the logging cost, and one line carries
 * everything needed (method, url, status, duration, request id).
 */
export class AccessLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // Deliberately silent: the completion line below covers the request.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if ((request.routeOptions.config as AccessLogRouteConfig).accessLog === 'debug') reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}
