import { isThrottled } from '../errors';
import type { Clock } from './clock';
import { type PollPolicy, throttleBackoffDelay } from './poll-policy';

export interface RetryContext {
  readonly clock: Clock;
  readonly policy: PollPolicy;
  readonly signal?: AbortSignal;
  readonly onThrottled?: (operation: string, delayMs: number, attempt: number) => void;
}

/**
 * Runs `call`, retrying only when the platform throttled it: a throttled request was rejected
 * before doing anything, so retrying is safe even for mutations. Anything else is rethrown.
 */
export async function retryThrottled<T>(
  operation: string,
  call: () => Promise<T>,
  context: RetryContext,
  maxAttempts = 8,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottled(error) || attempt >= maxAttempts || context.signal?.aborted) throw error;
      const delay = throttleBackoffDelay(context.policy, attempt, context.clock.random());
      context.onThrottled?.(operation, delay, attempt);
      await context.clock.sleep(delay, context.signal);
    }
  }
}
