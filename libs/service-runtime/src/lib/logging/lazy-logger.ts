import type { FastifyBaseLogger } from 'fastify';

type ChildArgs = Parameters<FastifyBaseLogger['child']>;
type Log = (...args: unknown[]) => void;

/**
 * A child logger made real only when something logs through it. Fastify creates a child per
 * request (`request.log`); as a pino child (an object built with Object.create and a
 * serialised copy of its bindings) that cost more CPU than the rest of the request did in
 * bench/api.mjs, and most requests never log through it: their only line is the access line,
 * which is written without it. Once used, it is exactly the pino child.
 *
 * Its own children are lazy too, so a lazy root handed to Fastify (`loggerInstance`) gives
 * every request a lazy child through Fastify's default child factory; a custom factory would
 * have Fastify re-validate each child's methods on every request.
 */
export class LazyLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: ChildArgs[0],
    private readonly options?: ChildArgs[1],
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#child?.level ?? this.options?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  fatal(...args: unknown[]): void {
    (this.real.fatal as Log)(...args);
  }

  error(...args: unknown[]): void {
    (this.real.error as Log)(...args);
  }

  warn(...args: unknown[]): void {
    (this.real.warn as Log)(...args);
  }

  info(...args: unknown[]): void {
    (this.real.info as Log)(...args);
  }

  debug(...args: unknown[]): void {
    (this.real.debug as Log)(...args);
  }

  trace(...args: unknown[]): void {
    (this.real.trace as Log)(...args);
  }

  silent(...args: unknown[]): void {
    (this.real.silent as Log)(...args);
  }

  /** pino's flush: what the destination still holds is written, then the callback runs. */
  flush(callback?: (error?: Error) => void): void {
    const real = this.real as FastifyBaseLogger & { flush?: (callback?: (error?: Error) => void) => void };
    if (real.flush) real.flush(callback);
    else callback?.();
  }

  child(...[bindings, options]: ChildArgs): FastifyBaseLogger {
    return new LazyLogger(this.real, bindings, options);
  }
}
