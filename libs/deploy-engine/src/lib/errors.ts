import type { Outcome } from './outcome';
import type { RevisionRef } from './provider';

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

/**
 * Apply failed after the provider had created the new revision (ECS: RegisterTaskDefinition
 * succeeded, then UpdateService failed). `kind`, `operation` and `message` are the failure's.
 * For a refused call (access denied, invalid, not found, throttled) nothing runs the revision;
 * otherwise the target may or may not have started moving to it.
 */
export class ApplyIncompleteError extends ProviderError {
  constructor(
    readonly failure: ProviderError,
    /** What was created; never the revision the target ran before. */
    readonly registered: RevisionRef,
    /** Commands that remove it by hand, if the operator wants to (Slipway never deletes anything). */
    readonly cleanup: readonly string[],
  ) {
    super(failure.kind, failure.message, failure.operation, failure);
  }
}

/** Kinds that mean the platform rejected the request: it did nothing. */
export function isRefusal(error: unknown): error is ProviderError {
  return error instanceof ProviderError && ['access-denied', 'invalid', 'not-found', 'throttled'].includes(error.kind);
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
