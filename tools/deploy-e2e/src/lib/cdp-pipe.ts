import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

/**
 * The Chrome DevTools protocol over `--remote-debugging-pipe`: Chromium reads commands on its fd 3
 * and writes answers and events on its fd 4, each message JSON ended by a NUL byte (as Puppeteer's
 * PipeTransport speaks it). No port to pick, nothing another test could connect to. Events are not
 * needed here and are dropped.
 */
export class CdpPipe {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<number, Pending>();
  private closedWith?: Error;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    // Decoded as one stream: a character split between two chunks stays whole.
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (text: string) => this.receive(text));
    fromBrowser.on('close', () => this.close(new Error('the browser closed its DevTools pipe')));
    // Writing to a browser that died fails (EPIPE): every open command fails, the test goes on.
    const failed = (error: Error) => this.close(new Error(`the browser's DevTools pipe failed: ${error.message}`));
    toBrowser.on('error', failed);
    fromBrowser.on('error', failed);
  }

  /** Sends one command (to the browser, or to a page's session) and resolves with its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.toBrowser.write(`${message}\0`);
    });
  }

  /** Fails every command still open, and every later one: the browser is gone. */
  close(reason: Error): void {
    this.closedWith ??= reason;
    for (const { reject } of this.pending.values()) reject(this.closedWith);
    this.pending.clear();
  }

  private receive(text: string): void {
    this.buffered += text;
    for (let end = this.buffered.indexOf('\0'); end >= 0; end = this.buffered.indexOf('\0')) {
      const message = JSON.parse(this.buffered.slice(0, end)) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      this.buffered = this.buffered.slice(end + 1);
      if (message.id !== undefined) this.answer(message.id, message.result, message.error);
    }
  }

  private answer(id: number, result: Record<string, unknown> | undefined, error: { message: string } | undefined) {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (error) waiting?.reject(new Error(`DevTools: ${error.message}`));
    else waiting?.resolve(result ?? {});
  }
}
