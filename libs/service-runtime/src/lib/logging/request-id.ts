import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a caller may hand us: short and free of anything that could forge a log line. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps the caller's `x-request-id` so one id follows a request across services; otherwise a
 * UUID, which stays unique across restarts and tasks (a counter would repeat in every task).
 */
export function requestIdFor(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
