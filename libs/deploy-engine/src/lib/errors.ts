import type { Outcome } from './outcome';

/**
 * A failure the engine knows how to report: it carries the outcome (hence the exit code)
 * and a message that names the problem and the fix.
 */
export class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    readonly outcome: Outcome,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function invalidInput(message: string, details?: Record<string, unknown>): DeployError {
  return new DeployError('INVALID_INPUT', message, details);
}

export function preflightFailed(message: string, details?: Record<string, unknown>): DeployError {
  return new DeployError('PREFLIGHT_FAILED', message, details);
}

/**
 * What went wrong talking to the platform, as the engine needs to know it:
 * throttled calls are retried with backoff; the others end the run.
 */
export type ProviderErrorKind = 'throttled' | 'access-denied' | 'not-found' | 'invalid' | 'unavailable' | 'unknown';

/** Providers translate their SDK errors into this so the engine stays platform-neutral. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly operation: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function isThrottled(error: unknown): boolean {
  return error instanceof ProviderError && error.kind === 'throttled';
}

/** Transient failures worth another attempt while watching (never for mutations' results). */
export function isTransient(error: unknown): boolean {
  return error instanceof ProviderError && (error.kind === 'throttled' || error.kind === 'unavailable');
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
