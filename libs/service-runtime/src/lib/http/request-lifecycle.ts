import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AccessLevel } from '../logging/access-line';
import type { Logging } from '../logging/logger-options';
import { REQUEST_ID_HEADER } from '../logging/request-id';
import type { Readiness } from '../readiness';

const LEVEL_VALUES: Readonly<Record<string, number | undefined> & Record<AccessLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/**
 * What the runtime does around every request, in the callbacks Fastify makes for logging,
 * because they cost nothing extra: any hook (say `onSend`) sends every request down Fastify's
 * hook path, which cost more CPU per request than the rest of the runtime in bench/api.mjs.
 *
 * Before the handler runs, the response gets the request id (`x-request-id`) and, while
 * draining, `Connection: close`, so keep-alive clients (load balancers) reconnect elsewhere;
 * requests already in flight when draining starts get it from trackInFlightResponses.
 *
 * When the response is done, one access line, instead of Fastify's two ("incoming request" +
 * "request completed"): it carries everything needed (method, url, status, duration, request
 * id), and it is rendered by a template (see access-line.ts). Its level follows what the
 * request needs from a reader: info when it failed (status 400 or more) or was slow
 * (SLOW_REQUEST_MS), debug when it succeeded in time. Successful requests are counted by the
 * load balancer's access log and metrics; logging each at info cost the api a quarter of its
 * throughput in bench/api.mjs and, at a few thousand requests a second, gigabytes of log
 * ingestion an hour. LOG_LEVEL=debug, or SLOW_REQUEST_MS=0, shows every request again.
 */
export class RequestLifecycle extends LogController {
  constructor(
    private readonly writeAccessLine: Logging['writeAccessLine'],
    private readonly slowRequestMs: number,
    private readonly readiness: Readiness,
  ) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (this.readiness.isDraining) reply.header('connection', 'close');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    if (error) {
      const line = { method: request.method, url: request.url, statusCode: reply.statusCode, durationMs, err: error };
      reply.log.error(line, 'request errored');
      return;
    }
    const level: AccessLevel = reply.statusCode >= 400 || durationMs >= this.slowRequestMs ? 'info' : 'debug';
    // The route's logger level (LOG_LEVEL, or a route override) decides, exactly as for pino's lines.
    if (LEVEL_VALUES[level] < (LEVEL_VALUES[reply.log.level] ?? Infinity)) return;
    this.writeAccessLine(level, {
      requestId: request.id,
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      durationMs,
    });
  }
}
