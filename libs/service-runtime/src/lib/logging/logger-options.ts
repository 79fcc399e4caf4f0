import { hostname } from 'node:os';
import type { FastifyServerOptions } from 'fastify';
import { accessLineWriter, type AccessLevel, type AccessRecord, type LogBase } from './access-line';
import { isoTimeFragment } from './iso-time';
import { BatchedLineWriter, type LineSink } from './batched-line-writer';

/** Fastify re-exports pino's option type only as part of its own server options. */
export type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where lines go; batched stdout when omitted. Tests pass a sink to read them. */
  readonly stream?: LineSink;
}

export interface Logging {
  /** For Fastify's `logger` option: pino writes every line except the access line. */
  readonly loggerOptions: LoggerOptions;
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
  return {
    loggerOptions: {
      level,
      base: { ...base },
      timestamp: time,
      formatters: { level: (label: string) => ({ level: label }) },
      stream: sink as LoggerOptions['stream'],
    },
    writeAccessLine: accessLineWriter(base, time, sink),
  };
}

/** The process's stdout writer; pending lines are written even on a bare process.exit(). */
function stdoutWriter(): BatchedLineWriter {
  const writer = new BatchedLineWriter();
  process.once('exit', () => writer.flushSync());
  return writer;
}
