import { normalizeCommon, type DeployRequest, type RawDeployOptions } from '../config/options';
import { describeError, invalidInput, preflightFailed } from '../errors';
import { awaitingHook, isTerminal, type HookDecision, type PlatformDeployment } from '../platform-deployment';
import { whyItEnded } from '../phases/deployment-reasons';
import { watchWaitOf } from '../phases/policy-check';
import { ProgressTracker } from '../phases/progress';
import { revisionSummary } from '../phases/rollback';
import { watchRollout } from '../phases/watch';
import type { WatchSubject } from '../phases/verdict';
import type { RolloutHandle, TargetState } from '../provider';
import { buildReport, type DeployReport } from '../report/report';
import { retryThrottled } from '../timing/retry';
import { createRunContext, type EngineDeps, overrideKeysOf, type RunContext } from './context';
import { type PreparedTarget, prepareTarget, targetFlags } from './prepare';
import { afterFailure, deploymentEnding, type Fields, interruptedMessage, suggestions } from './release';
import { guarded } from './run-deploy';

/**
 * Decisions on a deployment already under way, through the platform's deployment object:
 * - `deploy-continue`: answer the PAUSE hook it waits at with CONTINUE, then watch it to the end
 *   like a deploy (the same `--wait-until` and `--on-pause`);
 * - `rollback` while one is in flight: ROLLBACK at the hook it waits at (ContinueServiceDeployment),
 *   else StopServiceDeployment(ROLLBACK); watch ECS roll it back. With none in flight, `rollback`
 *   redeploys the previous version as before.
 * Everything is checked before the one mutating call; a refusal changes nothing (exit 2).
 */

/** `nx run <app>:deploy-continue -- --environment <name>`. */
export async function runContinue(raw: RawDeployOptions, deps: EngineDeps): Promise<DeployReport> {
  return guarded('deploy-continue', raw, deps, async () => {
    const context = createRunContext(deps);
    const request = normalizeCommon(raw, overrideKeysOf(deps.providers));
    const prepared = await prepareTarget(request, deps);
    const report = await decideInFlight({ command: 'deploy-continue', request, prepared, to: false }, context);
    if (!report) throw new Error('unreachable: continue always decides');
    return report;
  });
}

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
  const flags = targetFlags(environment.name, request.overrides, {
    used: request.configPath,
    default: context.deps.defaultConfig ?? request.configPath,
  });
  const target = await retryThrottled('read the target', () => provider.readTarget(), context);
  const deployment = target.inFlight && !isTerminal(target.inFlight) ? target.inFlight : undefined;
  const follow = provider.followDeployment?.bind(provider);
  const followable = target.policy?.followable === true && follow !== undefined;
  if (command === 'rollback' && (!deployment || !follow || !followable)) return undefined;
  if (command === 'rollback' && input.to)
    throw invalidInput(
      `${deployment?.id} is in flight on ${provider.description}: "rollback" without --to rolls it back; --to redeploys a version once no deployment is in flight. Nothing was changed.`,
    );
  const hook = deployment && awaitingHook(deployment);
  if (command === 'deploy-continue') refuseContinue(deployment, followable, provider.description);
  if (!deployment || !follow) throw new Error('unreachable: checked above');

  const base = {
    command,
    app,
    environment: environment.name,
    provider: environment.provider.name,
    target: provider.description,
    previousRevision: revisionSummary(target.stable),
    deploymentId: deployment.id,
    strategy: deployment.strategy,
  };
  const finish = (fields: Fields) => buildReport({ ...base, ...fields }, context.startedAt, context.clock.now());
  const handle = await retryThrottled('follow the deployment', () => follow(deployment), context);
  const decision: HookDecision = command === 'deploy-continue' ? 'CONTINUE' : 'ROLLBACK';
  context.deps.log(
    `${command === 'rollback' ? 'Rolling back' : 'Continuing'} ${app} in ${environment.name}: ${deployment.id} (${handle.revision.label}${handle.revision.version ? `, ${handle.revision.version}` : ''}) on ${provider.description}`,
  );
  try {
    await act(provider, deployment, hook?.id, decision, context);
  } catch (error) {
    return finish({
      outcome: 'APPLY_REFUSED',
      version: handle.revision.version,
      message: `the decision was refused: ${describeError(error)}. Nothing was changed.`,
    });
  }
  return watchDecision({ command, request, provider, target, handle, deployment, flags, finish }, context);
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

async function act(
  provider: PreparedTarget['provider'],
  deployment: PlatformDeployment,
  hookId: string | undefined,
  decision: HookDecision,
  context: RunContext,
): Promise<void> {
  const continueDeployment = provider.continueDeployment?.bind(provider);
  const stopDeployment = provider.stopDeployment?.bind(provider);
  if (hookId && continueDeployment) {
    await retryThrottled('decide', () => continueDeployment(deployment.id, hookId, decision), context);
    context.say(`answered PAUSE hook ${hookId} of ${deployment.id} with ${decision} (ContinueServiceDeployment)`);
  } else if (stopDeployment) {
    await retryThrottled('roll back', () => stopDeployment(deployment.id), context);
    context.say(`asked ECS to roll ${deployment.id} back (StopServiceDeployment ROLLBACK)`);
  } else {
    throw new Error(`${deployment.id}: this platform cannot take that decision`);
  }
}

interface DecisionScope {
  readonly command: InFlightInput['command'];
  readonly request: InFlightInput['request'];
  readonly provider: PreparedTarget['provider'];
  readonly target: TargetState;
  readonly handle: RolloutHandle;
  readonly deployment: PlatformDeployment;
  readonly flags: string;
  readonly finish: (fields: Fields) => DeployReport;
}

async function watchDecision(scope: DecisionScope, context: RunContext): Promise<DeployReport> {
  const { command, request, provider, target, handle, flags, finish } = scope;
  const app = context.deps.app;
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
  const watched = await watchRollout(
    provider,
    handle,
    subject,
    tracker,
    context.clock.now() + request.timeoutMs,
    context,
  );
  const statusCommand = `npx nx run ${app}:deploy-status -- ${flags}`;
  const applied = {
    version: handle.revision.version,
    newRevision: revisionSummary(handle.revision),
    rolloutId: handle.rolloutId,
    timeline: watched.samples,
  };
  const stoppedTasks = watched.stoppedTasks.filter((t) => t.category !== 'benign');
  const outcome = watched.outcome;
  if (rollingBack && outcome.kind === 'deployment-rolled-back') {
    return finish({
      ...applied,
      outcome: 'REVERTED',
      rollback: {
        by: 'slipway',
        status: 'COMPLETED',
        revision: revisionSummary(target.stable),
        rolloutId: scope.deployment.id,
      },
      message: `ECS rolled ${scope.deployment.id} back on request (${whyItEnded(outcome.deployment)}): ${target.stable.label}${target.stable.version ? ` (${target.stable.version})` : ''} serves again`,
      nextSteps: [statusCommand],
    });
  }
  const ended = deploymentEnding(outcome, {
    app,
    flags,
    version: handle.revision.version ?? handle.revision.label,
    label: handle.revision.label,
    stable: target.stable,
    statusCommand,
    now: context.clock.now(),
  });
  if (ended) return finish({ ...applied, stoppedTasks, ...ended });
  const nextSteps = suggestions(app, flags, target.stable, provider, statusCommand);
  switch (outcome.kind) {
    case 'interrupted':
      return finish({ ...applied, outcome: 'INTERRUPTED', nextSteps, message: interruptedMessage(watched, handle) });
    case 'lost':
      return finish({ ...applied, outcome: 'FAILED', nextSteps, message: `${outcome.reason}; check before acting` });
    case 'superseded':
      return finish({
        ...applied,
        outcome: 'SUPERSEDED',
        nextSteps,
        message: `${scope.deployment.id} was superseded${outcome.reason ? ` (ECS: "${outcome.reason}")` : ''}`,
      });
    default:
      return finish(
        await afterFailure(watched, {
          provider,
          target,
          request: { ...request, version: handle.revision.version ?? handle.revision.label },
          context,
          applied,
          nextSteps,
          failedTasks: stoppedTasks,
          handle,
          subject,
        }),
      );
  }
}
