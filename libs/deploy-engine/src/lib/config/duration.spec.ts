import { DeployError } from '../errors';
import { formatDuration, formatElapsed, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['900', 900_000],
    [900, 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5m', 90_000],
    [' 2m ', 120_000],
  ])('%p → %p ms', (input, expected) => {
    expect(parseDuration(input, 'timeout')).toBe(expected);
  });

  it.each(['', 'abc', '15x', '15 m', 'm15', '-5', '0', '0s', true, null, Number.NaN, -1])(
    'refuses %p with an example of the right form',
    (input) => {
      const thrown = catchError(() => parseDuration(input, 'timeout'));
      expect(thrown).toBeInstanceOf(DeployError);
      expect((thrown as DeployError).outcome).toBe('INVALID_INPUT');
      expect((thrown as Error).message).toMatch(/--timeout .*(15m|greater than zero)/);
    },
  );
});

describe('formatting', () => {
  it('formats durations for humans', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(134_000)).toBe('2m 14s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('stamps elapsed time as mm:ss', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(61_999)).toBe('01:01');
    expect(formatElapsed(3_600_000)).toBe('60:00');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
