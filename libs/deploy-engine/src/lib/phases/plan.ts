import { preflightFailed } from '../errors';
import type { DeployProvider, ReleasePlan, ResolvedImage, TargetState } from '../provider';
import { type RetryContext, retryThrottled } from '../timing/retry';

export interface PlannedRelease<Plan extends ReleasePlan = ReleasePlan> {
  readonly target: TargetState;
  readonly plan: Plan;
}

/** The plan phase: read the target, check it can take a rollout, build the new revision. Read-only. */
export async function planRelease<Plan extends ReleasePlan>(
  provider: DeployProvider<Plan>,
  image: ResolvedImage,
  context: RetryContext,
): Promise<PlannedRelease<Plan>> {
  const target = await retryThrottled('read target', () => provider.readTarget(), context);
  assertUsable(target, provider.description);
  const plan = await retryThrottled('plan revision', () => provider.plan(target, image), context);
  return { target, plan };
}

export function assertUsable(target: TargetState, description: string): void {
  if (target.status !== 'ACTIVE') {
    throw preflightFailed(
      `${description} is ${target.status}, not ACTIVE; it cannot take a deployment. Nothing was changed.`,
    );
  }
}

/** The exact image already runs and nothing is moving: deploying again would change nothing. */
export function isAlreadyDeployed(target: TargetState, image: ResolvedImage): boolean {
  return (
    target.current.image === image.reference && target.rollouts.length === 1 && target.rollouts[0].state === 'COMPLETED'
  );
}

/** Dry-run printout: what would change, and nothing else. */
export function formatPlan(plan: ReleasePlan, description: string): string[] {
  const lines = [
    `Plan for ${description}:`,
    ...plan.facts.map(([key, value]) => `  ${key.padEnd(12)} ${value}`),
    `  revision     ${plan.current.label} → ${plan.nextLabel}`,
  ];
  for (const change of plan.changes) {
    lines.push(`  ${change.field}:`, `    - ${change.from}`, `    + ${change.to}`);
  }
  if (plan.stable.id !== plan.current.id) lines.push(`  rollback to  ${plan.stable.label} (last completed revision)`);
  return lines;
}
