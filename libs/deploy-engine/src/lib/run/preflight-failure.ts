import { DeployError, describeError, ProviderError } from '../errors';
import type { Fields } from './report-fields';

/**
 * An error before the first change, as the report says it: a `DeployError` speaks for itself
 * (with the nearest versions when a tag was missing); anything else is PREFLIGHT_FAILED.
 * Either way nothing was changed.
 */
export function preflightFailure(error: unknown): Pick<Fields, 'outcome' | 'message' | 'nearestVersions'> {
  if (error instanceof DeployError)
    return {
      outcome: error.outcome,
      message: error.message,
      nearestVersions: error.details['nearestVersions'] as string[] | undefined,
    };
  const detail = error instanceof ProviderError ? `${error.operation}: ${error.message}` : describeError(error);
  return { outcome: 'PREFLIGHT_FAILED', message: `pre-flight failed: ${detail}. Nothing was changed.` };
}
