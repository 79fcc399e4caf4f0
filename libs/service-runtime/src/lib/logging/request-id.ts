import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a caller may hand us: short and free of anything that could forge a log line. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps the caller's `x-request-id` so one id follows a request across services; otherwise a
 * new id: 64 random bits drawn once per process, then a counter. Unique across tasks and
 * restarts as a UUID would be, for a fraction of the CPU: a random UUID per request was the
 * largest single cost the runtime added to a request in bench/api.mjs.
 */
export function requestIdFor(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : nextRequestId();
}

const processPrefix = randomBytes(8).toString('hex');
let sequence = 0;

function nextRequestId(): string {
  sequence += 1;
  return `${processPrefix}-${sequence.toString(36)}`;
}
