import { TickBatchedWriter } from './stdout-writer';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function recorder(behaviour: (call: number, bytes: Uint8Array) => number = (_call, bytes) => bytes.length) {
  const writes: string[] = [];
  let calls = 0;
  const writeSync = (fd: number, bytes: Uint8Array): number => {
    expect(fd).toBe(7);
    const written = behaviour(calls++, bytes);
    writes.push(Buffer.from(bytes.subarray(0, written)).toString());
    return written;
  };
  return { writes, writer: new TickBatchedWriter(7, writeSync) };
}

describe('TickBatchedWriter', () => {
  it('writes all lines of one event-loop turn with one system call, at the end of the turn', async () => {
    const { writes, writer } = recorder();
    writer.write('a\n');
    writer.write('b\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\n']);
    writer.write('c\n');
    await nextTurn();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes nothing when nothing is pending', async () => {
    const { writes, writer } = recorder();
    writer.flushSync();
    await nextTurn();
    expect(writes).toEqual([]);
  });

  it('flushes at once on demand, e.g. before exiting', () => {
    const { writes, writer } = recorder();
    writer.write('last words\n');
    const done = jest.fn();
    writer.flush(done);
    expect(writes).toEqual(['last words\n']);
    expect(done).toHaveBeenCalledWith();
  });

  it('finishes a partial write', () => {
    const { writes, writer } = recorder((call, bytes) => (call === 0 ? 3 : bytes.length));
    writer.write('abcdef\n');
    writer.flushSync();
    expect(writes).toEqual(['abc', 'def\n']);
  });

  it('keeps counting bytes, not characters', () => {
    const { writes, writer } = recorder((call, bytes) => (call === 0 ? 2 : bytes.length));
    writer.write('é!\n');
    writer.flushSync();
    expect(writes.join('')).toBe('é!\n');
  });

  it('waits and retries while a non-blocking pipe is full', () => {
    const full = Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
    const { writes, writer } = recorder((call, bytes) => {
      if (call < 2) throw full;
      return bytes.length;
    });
    writer.write('line\n');
    writer.flushSync();
    expect(writes).toEqual(['line\n']);
  });

  it('drops the lines when nobody reads stdout any more', () => {
    const { writer } = recorder(() => {
      throw Object.assign(new Error('EPIPE'), { code: 'EPIPE' });
    });
    writer.write('lost\n');
    expect(() => writer.flushSync()).not.toThrow();
  });

  it('reports any other write error to the flush callback', () => {
    const broken = Object.assign(new Error('bad file descriptor'), { code: 'EBADF' });
    const { writer } = recorder(() => {
      throw broken;
    });
    writer.write('x\n');
    const done = jest.fn();
    writer.flush(done);
    expect(done).toHaveBeenCalledWith(broken);
  });

  it('works without a callback', () => {
    const { writes, writer } = recorder();
    writer.write('x\n');
    writer.flush();
    expect(writes).toEqual(['x\n']);
  });
});
