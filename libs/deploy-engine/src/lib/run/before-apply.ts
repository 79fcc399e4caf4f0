import type { DeployRequest } from '../config/options';
import { guardRollouts } from '../phases/guard';
import { checkPolicy } from '../phases/policy-check';
import { formatPlan, isAlreadyDeployed } from '../phases/plan';
import { awaitingHook } from '../platform-deployment';
import type { DeployProvider, ReleasePlan, ResolvedImage, TargetState } from '../provider';
import { revisionSummary } from '../report/report';
import type { RunContext } from './context';
import type { Fields } from './report-fields';
import type { SuggestedCommands } from './suggested-commands';

export interface PlannedRelease {
  readonly request: DeployRequest;
  readonly provider: DeployProvider;
  readonly image: ResolvedImage;
  readonly target: TargetState;
  readonly plan: ReleasePlan;
  readonly commands: SuggestedCommands;
}

/**
 * Between plan and apply, every reason to change nothing, in this order: what the target's
 * deployment settings make impossible, a dry run, the image already running (unless forced),
 * another rollout moving (the guard phase), an interrupt. Undefined: go on and apply.
 */
export function stopBeforeApply(planned: PlannedRelease, context: RunContext): Fields | undefined {
  const { request, provider, image, target, commands } = planned;
  const problems = checkPolicy(target, request.waitUntil);
  if (problems.length > 0)
    return { outcome: 'PREFLIGHT_FAILED', message: `${problems.join('. ')}. Nothing was changed.` };
  const guard = guardRollouts(target, request.force);
  if (request.dryRun) {
    for (const line of formatPlan(planned.plan, provider.description)) context.deps.log(line);
    const note = guard.allowed ? (guard.warning ?? '') : ` Note: a real run would be refused: ${guard.reason}`;
    return { outcome: 'PLANNED', dryRun: true, message: `dry run: nothing was changed.${note}` };
  }
  if (isAlreadyDeployed(target, image) && !request.force) {
    return {
      outcome: 'ALREADY_DEPLOYED',
      newRevision: revisionSummary(target.current),
      message:
        `${request.version} (${image.digest}) already runs on ${target.current.label}; ` +
        'nothing was changed (--force deploys it again)',
    };
  }
  if (!guard.allowed) {
    const paused = target.inFlight && awaitingHook(target.inFlight);
    const decide = paused ? ` It waits at a PAUSE hook: decide with ${commands.continue} or ${commands.rollback}.` : '';
    return { outcome: 'REFUSED_IN_PROGRESS', message: `${guard.reason}${decide}`, nextSteps: [commands.status] };
  }
  if (guard.warning) context.say(guard.warning);
  if (context.signal?.aborted)
    return { outcome: 'INTERRUPTED', message: 'interrupted before any change; nothing was changed' };
  return undefined;
}
