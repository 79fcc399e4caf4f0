import { constants } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { exitAfterFlush } from '../exit-after-flush';
import { ExitCode, type ProcessPort } from '../process-port';
import type { Readiness } from '../readiness';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ShutdownPlan {
  readonly app: FastifyInstance;
  readonly readiness: Readiness;
  /** How long the listener stays open after readiness turns 503, so load balancers notice first. */
  readonly drainDelayMs: number;
  /** Upper bound for the whole shutdown, from the first signal to the exit. */
  readonly timeoutMs: number;
}

/**
 * SIGTERM or SIGINT starts an orderly shutdown:
 *  1. readiness answers 503 and every response from now on carries `Connection: close`,
 *     so keep-alive clients (load balancers) stop reusing their sockets to this process;
 *  2. after the drain delay the listener closes: new connections are refused, idle
 *     keep-alive sockets are closed, in-flight requests run to completion;
 *  3. the process exits 0 once the last request is done, or 1 if that takes longer than the
 *     timeout (remaining sockets are destroyed first).
 * A second signal exits at once with 128 + the signal number, like an unhandled signal would.
 */
export function installGracefulShutdown(plan: ShutdownPlan, proc: ProcessPort): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      plan.app.log.warn({ signal }, 'second signal during shutdown: exiting now, in-flight requests are dropped');
      exitAfterFlush(plan.app.log, proc, 128 + constants.signals[signal]);
      return;
    }
    shuttingDown = true;
    void shutDown(plan, signal, proc);
  };
  for (const signal of SHUTDOWN_SIGNALS) proc.on(signal, onSignal);
}

async function shutDown(plan: ShutdownPlan, signal: NodeJS.Signals, proc: ProcessPort): Promise<void> {
  const { app, readiness, drainDelayMs, timeoutMs } = plan;
  const startedAt = performance.now();
  readiness.markDraining();
  app.log.info({ signal, drainDelayMs, timeoutMs }, 'shutdown started: readiness now answers 503');

  const deadline = setTimeout(() => {
    app.log.error({ timeoutMs }, 'shutdown timed out: closing the connections still open and exiting 1');
    app.server.closeAllConnections();
    exitAfterFlush(app.log, proc, ExitCode.failure);
  }, timeoutMs);

  try {
    if (drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
    app.log.info('closing the listener: new connections are refused, in-flight requests finish');
    await app.close();
  } catch (error) {
    clearTimeout(deadline);
    app.log.error({ err: error }, 'shutdown failed');
    exitAfterFlush(app.log, proc, ExitCode.failure);
    return;
  }
  clearTimeout(deadline);
  app.log.info({ durationMs: Math.round(performance.now() - startedAt) }, 'shutdown complete');
  exitAfterFlush(app.log, proc, ExitCode.ok);
}
