import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { accessLineWriter, type AccessLevel, type AccessRecord, type LogBase } from './access-line';
import { isoTimeFragment } from './iso-time';
import { LazyLogger } from './lazy-logger';
import { BatchedLineWriter, type LineSink } from './batched-line-writer';

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where lines go; batched stdout when omitted. Tests pass a sink to read them. */
  readonly stream?: LineSink;
}

export interface Logging {
  /** For Fastify's `loggerInstance` option: writes every line except the access line. */
  readonly logger: FastifyBaseLogger;
  /** Writes the per-request access line to the same sink, in the same format. */
  readonly writeAccessLine: (level: AccessLevel, record: AccessRecord) => void;
}

/**
 * One JSON object per line on stdout, which is what CloudWatch and every container log driver
 * ingest: ISO time and level names, so a human can read them too.
 */
export function createLogging({ service, level, stream }: LoggerSettings): Logging {
  const base: LogBase = { service, pid: process.pid, hostname: hostname() };
  const time = isoTimeFragment();
  const sink = stream ?? stdoutWriter();
  const root = pino(
    { level, base: { ...base }, timestamp: time, formatters: { level: (label: string) => ({ level: label }) } },
    sink as pino.DestinationStream,
  );
  return {
    // Lazy, so the child Fastify makes for every request is lazy too (see LazyLogger).
    logger: new LazyLogger(root, {}),
    writeAccessLine: accessLineWriter(base, time, sink),
  };
}

/** The process's stdout writer; pending lines are written even on a bare process.exit(). */
function stdoutWriter(): BatchedLineWriter {
  const writer = new BatchedLineWriter();
  process.once('exit', () => writer.flushSync());
  return writer;
}
