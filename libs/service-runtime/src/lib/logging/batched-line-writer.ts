import { writeSync as fsWriteSync } from 'node:fs';

export interface LineSink {
  write(line: string): unknown;
}

type WriteSync = (fd: number, buffer: Uint8Array) => number;

export interface BatchOptions {
  /** Longest a line waits before it is written. */
  readonly maxDelayMs: number;
  /** Pending bytes that trigger a write at once. */
  readonly maxBytes: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxDelayMs: 100, maxBytes: 16 * 1024 };

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Log lines go to a file descriptor in batches: one write(2) per 16 KiB or per 100 ms, whichever
 * comes first, instead of one per line. Under load a per-line write cost more than rendering
 * the line (measured with bench/api.mjs); pino's own destinations either write per line, hand
 * every write to the libuv thread pool, or (with `minLength`) re-measure the whole pending
 * buffer on each line.
 *
 * Each line is encoded into one reused buffer as soon as it is written, so the line's string
 * dies young: kept as strings until the batch went out, the lines of the last 100 ms survived
 * each young-generation collection and were copied by it.
 *
 * Lines still pending are written when the process exits (runtime exits flush first; a process
 * 'exit' hook covers the rest), so only SIGKILL or a native crash loses them: at most 100 ms.
 * The write is blocking, as console.log is on a pipe: if the log driver stalls, the service
 * waits rather than buffering without bound.
 */
export class BatchedLineWriter implements LineSink {
  readonly #batch: Buffer;
  #used = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #flushLater = (): void => this.flushSync();

  constructor(
    private readonly fd = 1,
    private readonly batch: BatchOptions = DEFAULT_BATCH,
    private readonly writeSync: WriteSync = fsWriteSync,
  ) {
    this.#batch = Buffer.allocUnsafe(batch.maxBytes);
  }

  write(line: string): boolean {
    const free = this.#batch.length - this.#used;
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes: the common case needs no measuring.
    if (line.length * 3 > free) {
      const bytes = Buffer.byteLength(line);
      if (bytes > free) this.flushSync();
      if (bytes > this.#batch.length) {
        this.#writeAll(Buffer.from(line));
        return true;
      }
    }
    this.#used += this.#batch.write(line, this.#used);
    if (this.#used === this.#batch.length) this.flushSync();
    else if (!this.#timer) this.#timer = setTimeout(this.#flushLater, this.batch.maxDelayMs).unref();
    return true;
  }

  /** Writes everything pending now. */
  flushSync(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#used === 0) return;
    const pending = this.#batch.subarray(0, this.#used);
    this.#used = 0;
    this.#writeAll(pending);
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

  #writeAll(bytes: Uint8Array): void {
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
}
