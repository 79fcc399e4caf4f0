import type { DeployRequest } from '../config/options';
import { describeError, invalidInput, preflightFailed } from '../errors';
import { decideDeployment } from '../phases/deployment-decision';
import { whyItEnded } from '../phases/deployment-reasons';
import { watchWaitOf } from '../phases/policy-check';
import { ProgressTracker } from '../phases/progress';
import type { WatchSubject } from '../phases/verdict';
import { watchRollout } from '../phases/watch';
import { awaitingHook, isTerminal, type PlatformDeployment } from '../platform-deployment';
import type { RolloutHandle, TargetState } from '../provider';
import { type DeployReport, revisionSummary } from '../report/report';
import { retryThrottled } from '../timing/retry';
import { afterFailure } from './after-failure';
import type { RunContext } from './context';
import { deploymentEnding } from './deployment-ending';
import type { PreparedTarget } from './prepare';
import { interruptedMessage } from './release-ending';
import { type Fields, reportFinisher, targetFields } from './report-fields';
import { recoverySteps, type SuggestedCommands, suggestedCommands } from './suggested-commands';

/**
 * Decisions on a deployment already under way, through the platform's deployment object:
 * - `deploy-continue`: answer the PAUSE hook it waits at with CONTINUE, then watch it to the end
 *   like a deploy (the same `--wait-until` and `--on-pause`);
 * - `rollback` while one is in flight: ROLLBACK at the hook it waits at (ContinueServiceDeployment),
 *   else StopServiceDeployment(ROLLBACK); watch ECS roll it back. With none in flight, `rollback`
 *   redeploys the previous version as before.
 * Everything is checked before the one mutating call; a refusal changes nothing (exit 2).
 */

export interface InFlightInput {
  readonly command: 'deploy-continue' | 'rollback';
  readonly request: Omit<DeployRequest, 'version'>;
  readonly prepared: PreparedTarget;
  /** `rollback --to` was given: only for a deployment that has ended. */
  readonly to: boolean;
}

/** The report, or undefined when `rollback` has nothing in flight to roll back (it then redeploys). */
export async function decideInFlight(input: InFlightInput, context: RunContext): Promise<DeployReport | undefined> {
  const { request, prepared, command } = input;
  const { provider, environment } = prepared;
  const app = context.deps.app;
  const target = await retryThrottled('read the target', () => provider.readTarget(), context);
  const deployment = target.inFlight && !isTerminal(target.inFlight) ? target.inFlight : undefined;
  const follow = provider.followDeployment?.bind(provider);
  const followable = target.policy?.followable === true && follow !== undefined;
  if (command === 'rollback' && (!deployment || !follow || !followable)) return undefined;
  if (command === 'rollback' && input.to)
    throw invalidInput(
      `${deployment?.id} is in flight on ${provider.description}: "rollback" without --to rolls it back; --to redeploys a version once no deployment is in flight. Nothing was changed.`,
    );
  if (command === 'deploy-continue') refuseContinue(deployment, followable, provider.description);
  if (!deployment || !follow) throw new Error('unreachable: checked above');

  const finish = reportFinisher(
    {
      ...targetFields(command, prepared, context),
      previousRevision: revisionSummary(target.stable),
      deploymentId: deployment.id,
      strategy: deployment.strategy,
    },
    context,
  );
  const handle = await retryThrottled('follow the deployment', () => follow(deployment), context);
  const decision = command === 'deploy-continue' ? 'CONTINUE' : 'ROLLBACK';
  context.deps.log(
    `${command === 'rollback' ? 'Rolling back' : 'Continuing'} ${app} in ${environment.name}: ${deployment.id} (${handle.revision.label}${handle.revision.version ? `, ${handle.revision.version}` : ''}) on ${provider.description}`,
  );
  try {
    if (!(await decideDeployment(provider, deployment, decision, context)))
      throw new Error(`${deployment.id}: this platform cannot take that decision`);
  } catch (error) {
    return finish({
      outcome: 'APPLY_REFUSED',
      version: handle.revision.version,
      message: `the decision was refused: ${describeError(error)}. Nothing was changed.`,
    });
  }
  const commands = suggestedCommands(request, environment.name, context.deps);
  return finish(await watchDecision({ command, request, provider, target, handle, deployment, commands }, context));
}

function refuseContinue(deployment: PlatformDeployment | undefined, followable: boolean, description: string): void {
  if (!followable)
    throw preflightFailed(
      `deploy-continue needs the ECS service-deployments API (ContinueServiceDeployment), which ${description} lacks here. Nothing was changed.`,
    );
  if (!deployment)
    throw preflightFailed(
      `no deployment is in flight on ${description}: nothing waits for a decision. Nothing was changed.`,
    );
  if (!awaitingHook(deployment))
    throw preflightFailed(
      `${deployment.id} is ${deployment.status}${deployment.stage ? ` at ${deployment.stage}` : ''} and no PAUSE hook awaits a decision: nothing to continue (watch it with deploy-status). Nothing was changed.`,
    );
}

interface DecisionScope {
  readonly command: InFlightInput['command'];
  readonly request: InFlightInput['request'];
  readonly provider: PreparedTarget['provider'];
  readonly target: TargetState;
  readonly handle: RolloutHandle;
  readonly deployment: PlatformDeployment;
  readonly commands: SuggestedCommands;
}

/** Watches the deployment after the decision, and says how it ended. */
async function watchDecision(scope: DecisionScope, context: RunContext): Promise<Fields> {
  const { command, request, provider, target, handle, commands } = scope;
  const rollingBack = command === 'rollback';
  const subject: WatchSubject = {
    rolloutId: handle.rolloutId,
    revisionId: handle.revision.id,
    stableRevisionId: target.stable.id,
    platformRollback: target.platformRollback,
    wait: rollingBack
      ? { target: { kind: 'deployed' }, onPause: 'wait', stages: target.policy?.stages ?? [] }
      : watchWaitOf(target, request.waitUntil, request.onPause),
  };
  const tracker = new ProgressTracker(target.events);
  const deadline = context.clock.now() + request.timeoutMs;
  const watched = await watchRollout(provider, handle, subject, tracker, deadline, context);
  const applied = {
    version: handle.revision.version,
    newRevision: revisionSummary(handle.revision),
    rolloutId: handle.rolloutId,
    timeline: watched.samples,
  };
  const stoppedTasks = watched.stoppedTasks.filter((t) => t.category !== 'benign');
  const outcome = watched.outcome;
  if (rollingBack && outcome.kind === 'deployment-rolled-back') {
    return {
      ...applied,
      outcome: 'REVERTED',
      rollback: {
        by: 'slipway',
        status: 'COMPLETED',
        revision: revisionSummary(target.stable),
        rolloutId: scope.deployment.id,
      },
      message: `ECS rolled ${scope.deployment.id} back on request (${whyItEnded(outcome.deployment)}): ${target.stable.label}${target.stable.version ? ` (${target.stable.version})` : ''} serves again`,
      nextSteps: [commands.status],
    };
  }
  const ended = deploymentEnding(outcome, {
    commands,
    version: handle.revision.version ?? handle.revision.label,
    label: handle.revision.label,
    stable: target.stable,
    now: context.clock.now(),
  });
  if (ended) return { ...applied, stoppedTasks, ...ended };
  const nextSteps = recoverySteps(commands, target.stable, provider);
  switch (outcome.kind) {
    case 'interrupted':
      return { ...applied, outcome: 'INTERRUPTED', nextSteps, message: interruptedMessage(watched, handle) };
    case 'lost':
      return { ...applied, outcome: 'FAILED', nextSteps, message: `${outcome.reason}; check before acting` };
    case 'superseded':
      return {
        ...applied,
        outcome: 'SUPERSEDED',
        nextSteps,
        message: `${scope.deployment.id} was superseded${outcome.reason ? ` (ECS: "${outcome.reason}")` : ''}`,
      };
    default:
      return afterFailure(watched, {
        provider,
        target,
        request,
        context,
        applied,
        nextSteps,
        failedTasks: stoppedTasks,
        handle,
        subject,
      });
  }
}
