import { BatchedLineWriter } from './batched-line-writer';

function recorder(behaviour: (call: number, bytes: Uint8Array) => number = (_call, bytes) => bytes.length) {
  const writes: string[] = [];
  let calls = 0;
  const writeSync = (fd: number, bytes: Uint8Array): number => {
    expect(fd).toBe(7);
    const written = behaviour(calls++, bytes);
    writes.push(Buffer.from(bytes.subarray(0, written)).toString());
    return written;
  };
  return { writes, writer: new BatchedLineWriter(7, { maxDelayMs: 100, maxBytes: 16 }, writeSync) };
}

describe('BatchedLineWriter', () => {
  afterEach(() => jest.useRealTimers());

  it('writes the lines of up to 100 ms with one system call', () => {
    jest.useFakeTimers();
    const { writes, writer } = recorder();
    writer.write('a\n');
    writer.write('b\n');
    jest.advanceTimersByTime(99);
    expect(writes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(writes).toEqual(['a\nb\n']);
    writer.write('c\n');
    jest.advanceTimersByTime(100);
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes at once when the batch is full', () => {
    jest.useFakeTimers();
    const { writes, writer } = recorder();
    writer.write('1234567\n');
    expect(writes).toEqual([]);
    writer.write('abcdefg\n');
    expect(writes).toEqual(['1234567\nabcdefg\n']);
    jest.advanceTimersByTime(1000);
    expect(writes).toHaveLength(1);
  });

  it('writes what is pending first when the next line would not fit', () => {
    jest.useFakeTimers();
    const { writes, writer } = recorder();
    writer.write('12345678\n');
    writer.write('abcdefgh\n');
    expect(writes).toEqual(['12345678\n']);
    jest.advanceTimersByTime(100);
    expect(writes).toEqual(['12345678\n', 'abcdefgh\n']);
  });

  it('writes a line longer than the batch on its own, after what is pending', () => {
    const { writes, writer } = recorder();
    writer.write('a\n');
    writer.write('a line of more than sixteen bytes\n');
    expect(writes).toEqual(['a\n', 'a line of more than sixteen bytes\n']);
    writer.flushSync();
    expect(writes).toHaveLength(2);
  });

  it('measures lines in bytes: multi-byte characters that would not fit go in the next batch', () => {
    const { writes, writer } = recorder();
    writer.write('123456789\n');
    writer.write('ééé\n');
    writer.flushSync();
    expect(writes).toEqual(['123456789\n', 'ééé\n']);
  });

  it('writes nothing when nothing is pending', () => {
    const { writes, writer } = recorder();
    writer.flushSync();
    expect(writes).toEqual([]);
  });

  it('does not keep the process alive for a pending batch', () => {
    const { writer } = recorder();
    const unref = jest.spyOn(global, 'setTimeout');
    writer.write('x\n');
    expect((unref.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    unref.mockRestore();
    writer.flushSync();
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
