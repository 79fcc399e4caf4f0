import { ApplyIncompleteError, describeError, isRefusal, ProviderError } from '../errors';
import type { Outcome } from '../outcome';
import type { DeployProvider, ReleasePlan, RevisionRef, RolloutHandle } from '../provider';
import { revisionSummary, type RevisionSummary } from '../report/report';
import { type RetryContext, retryThrottled } from '../timing/retry';

/**
 * The apply phase: register the revision and start the rollout. Throttling is retried, but once the
 * revision exists only the start is retried (`restore` onto it): never a second registration.
 */
export async function applyPlan(
  provider: DeployProvider,
  plan: ReleasePlan,
  context: RetryContext,
): Promise<RolloutHandle> {
  let incomplete: ApplyIncompleteError | undefined;
  return retryThrottled(
    'apply',
    async () => {
      try {
        return incomplete ? await provider.restore(incomplete.registered) : await provider.apply(plan);
      } catch (error) {
        if (error instanceof ApplyIncompleteError) incomplete = error;
        else if (incomplete)
          throw new ApplyIncompleteError(asProviderError(error), incomplete.registered, incomplete.cleanup);
        throw error;
      }
    },
    context,
  );
}

export interface ApplyFailure {
  readonly outcome: Outcome;
  readonly message: string;
  readonly unusedRevision?: RevisionSummary;
  readonly nextSteps: string[];
}

/**
 * Says exactly what changed. A refused call changed nothing running (exit 2); if the revision was
 * registered before the refusal it is named, unused, with how to remove it (never the current
 * one). A call that failed any other way may have changed the target (exit 4).
 */
export function applyFailure(
  error: unknown,
  current: RevisionRef,
  target: string,
  statusCommand: string,
): ApplyFailure {
  const registered = error instanceof ApplyIncompleteError ? error.registered : undefined;
  if (isRefusal(error)) {
    const refused = `${error.operation} was refused: ${error.message}.`;
    const stays = `${target} stays on ${describeRevision(current)}.`;
    if (!(error instanceof ApplyIncompleteError) || !registered) {
      return {
        outcome: 'APPLY_REFUSED',
        message: `${refused} Nothing was changed: ${stays}`,
        nextSteps: [statusCommand],
      };
    }
    const removal =
      error.cleanup.length > 0 ? ` or remove it (never ${current.label}) with: ${error.cleanup.join('; ')}` : '';
    return {
      outcome: 'APPLY_REFUSED',
      message:
        `${refused} Nothing running changed: ${stays} ` +
        `Slipway had registered ${describeRevision(registered)} just before; nothing uses it: ` +
        `leave it (harmless, the next deploy registers its own)${removal}`,
      unusedRevision: revisionSummary(registered),
      nextSteps: [statusCommand, ...error.cleanup],
    };
  }
  if (registered) {
    const operation = error instanceof ProviderError ? `${error.operation} failed` : 'starting the rollout failed';
    return {
      outcome: 'FAILED',
      message:
        `${operation}: ${describeError(error)}; Slipway had registered ${describeRevision(registered)}, ` +
        'and the service may or may not have been moved to it: check its status before acting, ' +
        `and do not deregister ${registered.label} while anything runs it`,
      nextSteps: [statusCommand],
    };
  }
  return {
    outcome: 'FAILED',
    message:
      `applying the deployment failed: ${describeError(error)}; ` +
      'the service may or may not have been updated, check its status',
    nextSteps: [statusCommand],
  };
}

function describeRevision(revision: RevisionRef): string {
  return `${revision.label}${revision.version ? ` (${revision.version})` : ''}`;
}

function asProviderError(error: unknown): ProviderError {
  return error instanceof ProviderError ? error : new ProviderError('unknown', describeError(error), 'apply', error);
}
