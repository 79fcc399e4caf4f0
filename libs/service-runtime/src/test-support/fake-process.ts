import { EventEmitter } from 'node:events';
import type { ProcessPort } from '../lib/process-port';

/** A process stand-in: tests emit signals on it and await the exit code the runtime chose. */
export class FakeProcess extends EventEmitter implements ProcessPort {
  readonly exitCodes: number[] = [];
  stderrText = '';
  readonly stderr = { write: (text: string) => (this.stderrText += text) };
  readonly exited: Promise<number>;
  #resolveExit!: (code: number) => void;

  constructor(readonly env: NodeJS.ProcessEnv = {}) {
    super();
    this.exited = new Promise((resolve) => (this.#resolveExit = resolve));
  }

  exit(code: number): void {
    this.exitCodes.push(code);
    this.#resolveExit(code);
  }
}

/** A promise the test settles by hand, to hold a request in flight for exactly as long as needed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
