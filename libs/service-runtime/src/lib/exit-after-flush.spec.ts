import type { FastifyBaseLogger } from 'fastify';
import { FakeProcess } from '../test-support/fake-process';
import { exitAfterFlush } from './exit-after-flush';

const logWith = (extra: object): FastifyBaseLogger => extra as unknown as FastifyBaseLogger;

describe('exitAfterFlush', () => {
  afterEach(() => jest.useRealTimers());

  it('exits at once when the logger cannot flush', () => {
    const proc = new FakeProcess();
    exitAfterFlush(logWith({}), proc, 3);
    expect(proc.exitCodes).toEqual([3]);
  });

  it('exits only after the flush completes, and only once', () => {
    jest.useFakeTimers();
    const proc = new FakeProcess();
    let done: (() => void) | undefined;
    exitAfterFlush(logWith({ flush: (callback: () => void) => (done = callback) }), proc, 0);
    expect(proc.exitCodes).toEqual([]);
    done!();
    jest.advanceTimersByTime(5000);
    expect(proc.exitCodes).toEqual([0]);
  });

  it('exits after a second when the flush never completes', () => {
    jest.useFakeTimers();
    const proc = new FakeProcess();
    exitAfterFlush(logWith({ flush: () => undefined }), proc, 1);
    jest.advanceTimersByTime(999);
    expect(proc.exitCodes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(proc.exitCodes).toEqual([1]);
  });
});
