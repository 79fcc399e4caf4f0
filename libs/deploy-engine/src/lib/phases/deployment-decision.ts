import { awaitingHook, type HookDecision, type PlatformDeployment } from '../platform-deployment';
import type { DeployProvider } from '../provider';
import { type RetryContext, retryThrottled } from '../timing/retry';

/**
 * One decision on a deployment under way, through the platform's deployment object (ECS): a PAUSE
 * hook waiting gets it (ContinueServiceDeployment); with no hook waiting, ROLLBACK stops the
 * deployment with StopServiceDeployment(ROLLBACK), which works even when the service has no
 * rollback configured. CONTINUE never falls back to a stop. False when the platform cannot take
 * the decision; a refused call throws.
 */
export async function decideDeployment(
  provider: DeployProvider,
  deployment: PlatformDeployment,
  decision: HookDecision,
  context: RetryContext & { readonly say: (line: string) => void },
): Promise<boolean> {
  const hook = awaitingHook(deployment);
  const continueDeployment = provider.continueDeployment?.bind(provider);
  const stopDeployment = provider.stopDeployment?.bind(provider);
  const operation = decision === 'ROLLBACK' ? 'roll back' : 'decide';
  if (hook && continueDeployment) {
    await retryThrottled(operation, () => continueDeployment(deployment.id, hook.id, decision), context);
    context.say(`answered PAUSE hook ${hook.id} of ${deployment.id} with ${decision} (ContinueServiceDeployment)`);
    return true;
  }
  if (decision === 'ROLLBACK' && stopDeployment) {
    await retryThrottled(operation, () => stopDeployment(deployment.id), context);
    context.say(`asked ECS to roll ${deployment.id} back (StopServiceDeployment ROLLBACK)`);
    return true;
  }
  return false;
}
