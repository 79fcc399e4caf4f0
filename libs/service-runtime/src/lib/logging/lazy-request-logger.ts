import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type ChildArgs = Parameters<FastifyBaseLogger['child']>;
type Log = (...args: unknown[]) => void;

/**
 * The logger Fastify hands each request (`request.log`), made real only when something logs
 * through it. Fastify creates a pino child per request by default; that child (an object built
 * with Object.create and a serialised copy of its bindings) cost more CPU than the rest of the
 * request did in bench/api.mjs, and most requests never use it: their only line is the access
 * line, which is written without it. Once used, it is exactly the pino child.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: ChildArgs[0],
    private readonly options: ChildArgs[1],
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

  child(...args: ChildArgs): FastifyBaseLogger {
    return this.real.child(...args);
  }
}

export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  new LazyRequestLogger(logger, bindings, options);
