import type { WaitTarget } from '../platform-deployment';
import type { TargetState } from '../provider';
import type { WatchWait } from './verdict';

/**
 * Before any change: what the target's deployment settings make impossible (the provider's
 * refusals: Express Mode, hooks where the platform forbids them, early success off ROLLING) and
 * whether `--wait-until stage:<STAGE>` means anything for its strategy. Pure; every problem at once.
 */
export function checkPolicy(target: TargetState, waitUntil: WaitTarget): string[] {
  const policy = target.policy;
  const problems = [...(policy?.refusals ?? [])];
  if (waitUntil.kind !== 'stage') return problems;
  const stage = waitUntil.stage;
  if (!policy || policy.stages.length === 0) {
    problems.push(
      `--wait-until stage:${stage}: ${policy ? `${policy.strategy} deployments have no lifecycle stages` : 'this platform reports no lifecycle stages'}; use --wait-until deployed`,
    );
  } else if (!policy.stages.includes(stage)) {
    problems.push(
      `--wait-until stage:${stage}: ${policy.strategy} deployments have no stage ${stage}; stages: ${policy.stages.join(', ')}`,
    );
  } else if (!policy.followable) {
    problems.push(
      `--wait-until stage:${stage} needs the ECS service-deployments API, which this endpoint (or the deploy role) lacks; use --wait-until deployed`,
    );
  }
  return problems;
}

export function watchWaitOf(target: TargetState, waitUntil: WaitTarget, onPause: WatchWait['onPause']): WatchWait {
  return { target: waitUntil, onPause, stages: target.policy?.stages ?? [] };
}
