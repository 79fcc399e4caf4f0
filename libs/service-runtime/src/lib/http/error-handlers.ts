import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly requestId: string;
}

/**
 * Every failure answers in JSON with the request id, so a client report can be matched to the
 * log line. Client errors (4xx) keep their message, which says what to fix; server errors
 * (5xx) say nothing about internals, and the full error with its stack goes to the log only.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      statusCode: 404,
      error: 'Not Found',
      message: `no route for ${request.method} ${request.url}`,
      requestId: request.id,
    };
    return reply.code(404).send(body);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = clientErrorStatus(error) ?? 500;
    const isServerError = statusCode >= 500;
    if (isServerError) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected');
    const body: ErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: isServerError
        ? 'the server failed to handle this request; quote the request id when reporting it'
        : error.message,
      requestId: request.id,
    };
    return reply.code(statusCode).send(body);
  });
}

/** The status a thrown error asks for, when it is a client error; anything else is our fault. */
function clientErrorStatus(error: FastifyError): number | undefined {
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
