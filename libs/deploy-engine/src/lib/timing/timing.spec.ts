import { ProviderError } from '../errors';
import { SimulatedClock } from '../test-support/simulated-clock';
import { systemClock } from './clock';
import { DEFAULT_POLL_POLICY, nextPollDelay, pollPolicyFromEnv, throttleBackoffDelay } from './poll-policy';
import { retryThrottled } from './retry';

describe('poll policy', () => {
  it('polls every 3.1–3.9 s: under 20 DescribeServices a minute, outcomes seen within 4 s', () => {
    expect(nextPollDelay(DEFAULT_POLL_POLICY, 0)).toBe(3_100);
    expect(nextPollDelay(DEFAULT_POLL_POLICY, 0.999999)).toBe(3_900);
    expect(60_000 / nextPollDelay(DEFAULT_POLL_POLICY, 0)).toBeLessThan(20);
  });
  it('backs off exponentially after throttling, capped at 30 s', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => throttleBackoffDelay(DEFAULT_POLL_POLICY, attempt, 1));
    expect(delays).toEqual([7_000, 14_000, 28_000, 30_000, 30_000]);
    expect(throttleBackoffDelay(DEFAULT_POLL_POLICY, 1, 0)).toBe(3_500);
  });
  it('takes the interval from SLIPWAY_POLL_INTERVAL for tests and simulators', () => {
    expect(pollPolicyFromEnv({})).toBe(DEFAULT_POLL_POLICY);
    expect(pollPolicyFromEnv({ SLIPWAY_POLL_INTERVAL: '200ms' })).toMatchObject({ intervalMs: 200, jitterMs: 20 });
    expect(() => pollPolicyFromEnv({ SLIPWAY_POLL_INTERVAL: '5ms' })).toThrow('below 10ms');
    expect(() => pollPolicyFromEnv({ SLIPWAY_POLL_INTERVAL: 'soon' })).toThrow('not a duration');
  });
});

describe('retryThrottled', () => {
  const throttled = () => new ProviderError('throttled', 'Rate exceeded', 'op');

  it('retries throttled calls with growing delays and reports each', async () => {
    const clock = new SimulatedClock();
    const seen: number[] = [];
    let n = 0;
    const result = await retryThrottled('op', async () => (n++ < 3 ? Promise.reject(throttled()) : 'ok'), {
      clock,
      policy: DEFAULT_POLL_POLICY,
      onThrottled: (_op, _delay, attempt) => seen.push(attempt),
    });
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(clock.sleeps[0]).toBeLessThan(clock.sleeps[2]);
  });
  it('gives up after maxAttempts and rethrows anything else at once', async () => {
    const clock = new SimulatedClock();
    await expect(
      retryThrottled('op', () => Promise.reject(throttled()), { clock, policy: DEFAULT_POLL_POLICY }, 3),
    ).rejects.toThrow('Rate exceeded');
    expect(clock.sleeps).toHaveLength(2);
    const denied = new ProviderError('access-denied', 'no', 'op');
    await expect(
      retryThrottled('op', () => Promise.reject(denied), { clock, policy: DEFAULT_POLL_POLICY }),
    ).rejects.toBe(denied);
  });
});

describe('systemClock', () => {
  it('sleeps for real, and wakes early on abort', async () => {
    const start = systemClock.now();
    await systemClock.sleep(20);
    expect(systemClock.now() - start).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await systemClock.sleep(60_000, controller.signal);
    expect(systemClock.now() - start).toBeLessThan(5_000);
    expect(systemClock.random()).toBeLessThan(1);
  });
});
