import { hostname } from 'node:os';
import type { FastifyServerOptions } from 'fastify';
import { destination } from 'pino';
import { isoTimeFragment } from './iso-time';

/** Fastify re-exports pino's option type only as part of its own server options. */
export type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where lines go; buffered stdout when omitted. Tests pass a stream to read what was logged. */
  readonly stream?: { write(line: string): void };
}

/**
 * stdout is written in 4 KiB batches, flushed at least every 250 ms, instead of one write(2)
 * per line: under load that is the largest single cost of logging (see bench/api.mjs). The
 * batch is flushed on exit (pino registers that), and `exitAfterFlush` waits for it; only a
 * SIGKILL can lose it, i.e. at most the last 250 ms of lines.
 */
export const STDOUT_BATCH_BYTES = 4096;
export const STDOUT_FLUSH_INTERVAL_MS = 250;

/**
 * pino options for one JSON object per line on stdout, which is what CloudWatch and every
 * container log driver ingest: ISO time and level names, so a human can read them too.
 */
export function loggerOptions({ service, level, stream }: LoggerSettings): LoggerOptions {
  return {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: isoTimeFragment(),
    formatters: { level: (label: string) => ({ level: label }) },
    stream:
      stream ?? destination({ dest: 1, sync: false, minLength: STDOUT_BATCH_BYTES, periodicFlush: STDOUT_FLUSH_INTERVAL_MS }),
  };
}
