import type { FastifyBaseLogger } from 'fastify';
import type { ProcessPort } from './process-port';

/** A stuck stdout (a full pipe nobody reads) must not keep a process alive that wants to exit. */
const FLUSH_LIMIT_MS = 1_000;

/**
 * pino writes asynchronously; exiting while a write is in flight can drop or reorder the last
 * lines (the ones that explain the exit). Wait for the flush, but never longer than a second.
 */
export function exitAfterFlush(log: FastifyBaseLogger, proc: ProcessPort, code: number): void {
  const flush = (log as Partial<{ flush(callback: (error?: Error) => void): void }>).flush;
  if (typeof flush !== 'function') {
    proc.exit(code);
    return;
  }
  let exited = false;
  const exitOnce = (): void => {
    if (exited) return;
    exited = true;
    clearTimeout(limit);
    proc.exit(code);
  };
  const limit = setTimeout(exitOnce, FLUSH_LIMIT_MS);
  flush.call(log, exitOnce);
}
