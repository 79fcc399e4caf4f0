import type { RolloutSnapshot, TargetState } from '../provider';

export type GuardDecision =
  | { readonly allowed: true; readonly warning?: string }
  | { readonly allowed: false; readonly reason: string; readonly busy: readonly RolloutSnapshot[] };

/**
 * The guard phase: refuse to start while another rollout is moving, unless forced. Pure.
 * "Moving" = more than one rollout (old tasks still draining or a second one starting), or any
 * rollout not in a terminal state.
 */
export function guardRollouts(target: TargetState, force: boolean): GuardDecision {
  const busy = target.rollouts.filter((r) => r.state === 'IN_PROGRESS' || !r.primary);
  if (busy.length === 0) return { allowed: true };
  const list = busy.map(describeBusy).join('; ');
  if (force)
    return { allowed: true, warning: `--force: deploying although another deployment is in progress (${list})` };
  return {
    allowed: false,
    busy,
    reason:
      `another deployment is in progress (${list}); ` +
      'wait for it, or pass --force to deploy over it. Nothing was changed.',
  };
}

function describeBusy(rollout: RolloutSnapshot): string {
  const role = rollout.primary ? 'primary' : 'draining';
  const { id, revisionLabel, state, running, desired } = rollout;
  return `${id} → ${revisionLabel} ${state}, ${role}, running ${running}/${desired}`;
}
