import { writeSync as fsWriteSync } from 'node:fs';

export interface LineSink {
  write(line: string): unknown;
}

type WriteSync = (fd: number, buffer: Uint8Array) => number;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Log lines go out in one write(2) per event-loop turn: every line logged while the loop
 * handles a batch of requests is joined and written once, at setImmediate. Under load that is
 * one system call for dozens of lines; when idle, a line is out within the same turn.
 *
 * Why not pino's own destinations: the synchronous one makes a system call per line, the
 * asynchronous one hands every write to the libuv thread pool, and both with `minLength`
 * re-measure the whole pending buffer on each line. All three cost more than the line itself
 * (measured in bench/api.mjs). The write is blocking, as console.log is on a pipe: if the log
 * driver stalls, the service waits instead of buffering without bound.
 */
export class TickBatchedWriter implements LineSink {
  #pending: string[] = [];
  #scheduled = false;
  readonly #flushSoon = (): void => this.flushSync();

  constructor(
    private readonly fd = 1,
    private readonly writeSync: WriteSync = fsWriteSync,
  ) {}

  write(line: string): boolean {
    this.#pending.push(line);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flushSoon);
    }
    return true;
  }

  /** Writes everything pending now; called at the end of each turn and before the process exits. */
  flushSync(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    let bytes = Buffer.from(this.#pending.join(''));
    this.#pending = [];
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(this.writeSync(this.fd, bytes));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A non-blocking pipe that is full: wait a millisecond for the reader, then retry.
        if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 1);
        // Nobody reads our stdout any more: the lines cannot go anywhere.
        else if (code === 'EPIPE') return;
        else throw error;
      }
    }
  }

  /** pino calls this from `logger.flush(callback)`. */
  flush(callback?: (error?: Error) => void): void {
    try {
      this.flushSync();
    } catch (error) {
      callback?.(error as Error);
      return;
    }
    callback?.();
  }
}
