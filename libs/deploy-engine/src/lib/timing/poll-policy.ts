import { invalidInput } from '../errors';
import { parseDuration } from '../config/duration';

/**
 * Watch cadence. Defaults detect every outcome within ~4 s while staying under 20
 * DescribeServices calls a minute (one per poll, never closer than 3.1 s).
 */
export interface PollPolicy {
  readonly intervalMs: number;
  /** ± this much, uniformly, so parallel deploys don't poll in lockstep. */
  readonly jitterMs: number;
  /** Ceiling for the exponential backoff after throttling. */
  readonly maxBackoffMs: number;
  /** Consecutive failed observations (not throttling) tolerated before giving up. */
  readonly maxObserveErrors: number;
  /** A line even when nothing changes, so a quiet deploy never looks hung. */
  readonly heartbeatMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  intervalMs: 3_500,
  jitterMs: 400,
  maxBackoffMs: 30_000,
  maxObserveErrors: 5,
  heartbeatMs: 60_000,
};

/** Test and simulator hook; not a user option. Accepts `500ms`, `1s`, `2`. */
export const POLL_INTERVAL_ENV = 'SLIPWAY_POLL_INTERVAL';

export function pollPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): PollPolicy {
  const raw = env[POLL_INTERVAL_ENV];
  if (raw === undefined || raw === '') return DEFAULT_POLL_POLICY;
  const intervalMs = parseDuration(raw, POLL_INTERVAL_ENV);
  if (intervalMs < 10) throw invalidInput(`${POLL_INTERVAL_ENV}=${raw} is below 10ms`);
  return { ...DEFAULT_POLL_POLICY, intervalMs, jitterMs: Math.floor(intervalMs / 10) };
}

/** Delay before the next poll: interval ± jitter. */
export function nextPollDelay(policy: PollPolicy, random: number): number {
  return Math.max(0, Math.round(policy.intervalMs + (random * 2 - 1) * policy.jitterMs));
}

/** Delay after the n-th consecutive throttled call (n ≥ 1): doubling, capped, with full jitter on top half. */
export function throttleBackoffDelay(policy: PollPolicy, attempt: number, random: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.intervalMs * 2 ** Math.max(0, attempt - 1) * 2);
  return Math.round(base / 2 + (base / 2) * random);
}
