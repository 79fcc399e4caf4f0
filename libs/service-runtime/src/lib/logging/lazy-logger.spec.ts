import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { LazyLogger } from './lazy-logger';

function rootLogger(level = 'trace'): { root: FastifyBaseLogger; lines: string[] } {
  const lines: string[] = [];
  const root = pino(
    { level, base: { service: 'api' }, timestamp: () => ',"time":"T"', serializers: { err: pino.stdSerializers.err } },
    { write: (line: string) => lines.push(line) },
  );
  return { root, lines };
}

describe('LazyLogger', () => {
  it.each<[string, (log: FastifyBaseLogger) => void]>([
    ['an object and a message', (log) => log.info({ user: 7 }, 'signed in')],
    ['a message alone', (log) => log.warn('slow upstream')],
    ['format arguments', (log) => log.error('failed %s after %d ms', 'GET /x', 12)],
    ['an error', (log) => log.error(new Error('boom'))],
    ['an error under err', (log) => log.fatal({ err: new TypeError('bad') }, 'crashed')],
    ['debug and trace', (log) => (log.debug('d'), log.trace({ t: 1 }, 't'))],
  ])('writes exactly what a pino child writes: %s', (_name, logSomething) => {
    const viaChild = rootLogger();
    const viaLazy = rootLogger();
    // One call site for both, so that error stacks are identical too.
    for (const log of [
      viaChild.root.child({ requestId: 'r-1' }),
      new LazyLogger(viaLazy.root, { requestId: 'r-1' }, {}),
    ])
      logSomething(log);
    expect(viaLazy.lines).toEqual(viaChild.lines);
    expect(viaLazy.lines.length).toBeGreaterThan(0);
  });

  it('creates no child until something logs, and one child at most', () => {
    const { root } = rootLogger();
    const child = jest.spyOn(root, 'child');
    const log = new LazyLogger(root, { requestId: 'r-2' }, {});
    expect(log.level).toBe('trace');
    expect(child).not.toHaveBeenCalled();
    log.info('one');
    log.info('two');
    log.silent('ignored');
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'r-2' }, {});
  });

  it('reports the level a route asked for before and after it exists', () => {
    const { root, lines } = rootLogger('info');
    const log = new LazyLogger(root, { requestId: 'r-3' }, { level: 'warn' });
    expect(log.level).toBe('warn');
    log.info('dropped');
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
    log.level = 'debug';
    log.debug('kept');
    expect(lines).toHaveLength(1);
    expect(root.level).toBe('info');
  });

  it('makes grandchildren that keep the request id', () => {
    const { root, lines } = rootLogger();
    new LazyLogger(root, { requestId: 'r-4' }, {}).child({ step: 'db' }).info('query');
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'r-4', step: 'db', msg: 'query' });
  });

  it('makes children that stay lazy until they log, as Fastify makes each request its logger', () => {
    const { root, lines } = rootLogger();
    const requestLog = new LazyLogger(root, {}).child({ requestId: 'r-5' }, {});
    const child = jest.spyOn(root, 'child');
    expect(requestLog.level).toBe('trace');
    expect(child).not.toHaveBeenCalled();
    requestLog.info('first line');
    expect(child).toHaveBeenCalledTimes(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'r-5', msg: 'first line' });
  });

  it('flushes through pino, so an exit waits for the last lines', () => {
    const flushed: string[] = [];
    const root = pino({}, {
      write: () => undefined,
      flush: (done: () => void) => (flushed.push('flushed'), done()),
    } as never);
    const done = jest.fn();
    new LazyLogger(root, {}).flush(done);
    expect(flushed).toEqual(['flushed']);
    expect(done).toHaveBeenCalled();
  });
});
