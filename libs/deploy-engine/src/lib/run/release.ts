import type { DeployRequest } from '../config/options';
import { DeployError, describeError, ProviderError } from '../errors';
import type { Outcome } from '../outcome';
import { applyFailure, applyPlan } from '../phases/apply';
import { describeHook, rollbackTrigger } from '../phases/deployment-reasons';
import { guardRollouts } from '../phases/guard';
import { checkPolicy, watchWaitOf } from '../phases/policy-check';
import { formatPlan, isAlreadyDeployed, planRelease } from '../phases/plan';
import { ProgressTracker } from '../phases/progress';
import { describeImage, resolveRelease } from '../phases/resolve';
import { revisionSummary, rollBack } from '../phases/rollback';
import { watchRollout, type WatchResult } from '../phases/watch';
import type { Verdict, WatchSubject } from '../phases/verdict';
import { awaitingHook, type PlatformDeployment, targetShare } from '../platform-deployment';
import type { DeployProvider, ReleasePlan, ResolvedImage, RevisionRef, RolloutHandle, TargetState } from '../provider';
import { buildReport, type DeployReport, type ReportFields, type RollbackSummary } from '../report/report';
import type { RunContext } from './context';
import { type PreparedTarget, targetFlags } from './prepare';

export interface ReleaseInput {
  readonly command: 'deploy' | 'rollback';
  readonly request: DeployRequest;
  readonly prepared: PreparedTarget;
}

export type Fields = Partial<ReportFields> & Pick<ReportFields, 'outcome' | 'message'>;

/**
 * The deploy path, shared by `deploy` and `rollback`: resolve → plan → guard → apply → watch →
 * roll back → report. Every step before apply is read-only; an error there means nothing changed.
 */
export async function executeRelease(input: ReleaseInput, context: RunContext): Promise<DeployReport> {
  const { request, prepared } = input;
  const { provider, environment } = prepared;
  const flags = targetFlags(environment.name, request.overrides, {
    used: request.configPath,
    default: context.deps.defaultConfig ?? request.configPath,
  });
  const app = context.deps.app;
  const base = {
    command: input.command,
    app,
    environment: environment.name,
    provider: environment.provider.name,
    target: provider.description,
    version: request.version,
  };
  const finish = (fields: Fields) => buildReport({ ...base, ...fields }, context.startedAt, context.clock.now());
  const statusCommand = `npx nx run ${app}:deploy-status -- ${flags}`;

  const doing = input.command === 'rollback' ? 'Rolling back' : 'Deploying';
  const dryRun = request.dryRun ? ' (dry run)' : '';
  context.deps.log(`${doing} ${app} ${request.version} to ${environment.name}: ${provider.description}${dryRun}`);

  let image: ResolvedImage;
  let target: TargetState;
  let plan: ReleasePlan;
  try {
    image = await resolveRelease(provider, request.version, context);
    context.say(`resolved ${describeImage(image)}`);
    ({ target, plan } = await planRelease(provider, image, context));
  } catch (error) {
    return finish(preflightFields(error));
  }
  const imageFields = {
    commit: image.commit,
    digest: image.digest,
    image: image.reference,
    previousRevision: revisionSummary(target.current),
    changes: plan.changes,
  };

  const problems = checkPolicy(target, request.waitUntil);
  if (problems.length > 0) {
    return finish({
      ...imageFields,
      outcome: 'PREFLIGHT_FAILED',
      message: `${problems.join('. ')}. Nothing was changed.`,
    });
  }
  const guard = guardRollouts(target, request.force);
  if (request.dryRun) {
    for (const line of formatPlan(plan, provider.description)) context.deps.log(line);
    const note = guard.allowed ? (guard.warning ?? '') : ` Note: a real run would be refused: ${guard.reason}`;
    return finish({
      ...imageFields,
      outcome: 'PLANNED',
      dryRun: true,
      message: `dry run: nothing was changed.${note}`,
    });
  }
  if (isAlreadyDeployed(target, image) && !request.force) {
    return finish({
      ...imageFields,
      outcome: 'ALREADY_DEPLOYED',
      newRevision: revisionSummary(target.current),
      message:
        `${request.version} (${image.digest}) already runs on ${target.current.label}; ` +
        'nothing was changed (--force deploys it again)',
    });
  }
  if (!guard.allowed) {
    const paused = target.inFlight && awaitingHook(target.inFlight);
    const decide = paused
      ? ` It waits at a PAUSE hook: decide with npx nx run ${app}:deploy-continue -- ${flags} or npx nx run ${app}:rollback -- ${flags}.`
      : '';
    return finish({
      ...imageFields,
      outcome: 'REFUSED_IN_PROGRESS',
      message: `${guard.reason}${decide}`,
      nextSteps: [statusCommand],
    });
  }
  if (guard.warning) context.say(guard.warning);
  if (context.signal?.aborted)
    return finish({
      ...imageFields,
      outcome: 'INTERRUPTED',
      message: 'interrupted before any change; nothing was changed',
    });

  const tracker = new ProgressTracker(target.events);
  let handle: RolloutHandle;
  try {
    handle = await applyPlan(provider, plan, context);
  } catch (error) {
    return finish({ ...imageFields, ...applyFailure(error, target.current, provider.description, statusCommand) });
  }
  const timeout = `${Math.round(request.timeoutMs / 1000)}s`;
  context.say(`registered ${handle.revision.label}; watching rollout ${handle.rolloutId} (timeout ${timeout})`);

  const applied = { ...imageFields, newRevision: revisionSummary(handle.revision), rolloutId: handle.rolloutId };
  const subject: WatchSubject = {
    rolloutId: handle.rolloutId,
    revisionId: handle.revision.id,
    stableRevisionId: target.stable.id,
    platformRollback: target.platformRollback,
    wait: watchWaitOf(target, request.waitUntil, request.onPause),
  };
  const watched = await watchRollout(
    provider,
    handle,
    subject,
    tracker,
    context.clock.now() + request.timeoutMs,
    context,
  );
  const nextSteps = suggestions(app, flags, target.stable, provider, statusCommand);
  const failedTasks = watched.stoppedTasks.filter((t) => t.category !== 'benign');
  const followed = watched.last?.deployment;
  const charted = {
    ...applied,
    ...(followed ? { deploymentId: followed.id, strategy: followed.strategy, timeline: watched.samples } : {}),
  };
  const ended = deploymentEnding(watched.outcome, {
    app,
    flags,
    version: request.version,
    label: handle.revision.label,
    stable: target.stable,
    statusCommand,
    now: context.clock.now(),
  });
  if (ended) return finish({ ...charted, stoppedTasks: failedTasks, ...ended });

  switch (watched.outcome.kind) {
    case 'completed': {
      const { running, desired } = watched.outcome.rollout;
      return finish({
        ...applied,
        outcome: 'DEPLOYED',
        message: `${request.version} is live on ${handle.revision.label}: running ${running}/${desired}`,
      });
    }
    case 'superseded': {
      const by = watched.outcome.by;
      const other = by ? `${by.id} (${by.revisionLabel})` : 'another deployment';
      const said = watched.outcome.reason ? ` (ECS: "${watched.outcome.reason}")` : '';
      return finish({
        ...charted,
        outcome: 'SUPERSEDED',
        stoppedTasks: failedTasks,
        nextSteps,
        message:
          `rollout ${handle.rolloutId} was superseded by ${other}${said}; ` +
          'Slipway did not roll back because that deployment now owns the service',
      });
    }
    case 'interrupted':
      return finish({
        ...applied,
        outcome: 'INTERRUPTED',
        stoppedTasks: failedTasks,
        nextSteps,
        message: interruptedMessage(watched, handle),
      });
    case 'lost':
      return finish({
        ...applied,
        outcome: 'FAILED',
        stoppedTasks: failedTasks,
        nextSteps,
        message: `${watched.outcome.reason}; the rollout may still be running, check before acting`,
      });
    default:
      return finish(
        await afterFailure(watched, {
          provider,
          target,
          request,
          context,
          applied: charted,
          nextSteps,
          failedTasks,
          handle,
          subject,
        }),
      );
  }
}

export interface FailureScope {
  readonly provider: DeployProvider;
  readonly target: TargetState;
  readonly request: DeployRequest;
  readonly context: RunContext;
  readonly applied: Partial<Fields>;
  readonly nextSteps: string[];
  readonly failedTasks: WatchResult['stoppedTasks'];
  readonly handle: RolloutHandle;
  readonly subject: WatchSubject;
}

/** Failed, rolled back by the platform, or timed out: get back to the stable revision. */
export async function afterFailure(watched: WatchResult, scope: FailureScope): Promise<Fields> {
  const { outcome } = watched;
  const { context, request } = scope;
  const timedOut = outcome.kind === 'timeout';
  const cause =
    outcome.kind === 'failed' || outcome.kind === 'platform-rollback' || outcome.kind === 'deployment-failed'
      ? outcome.reason
      : `not completed within ${Math.round(request.timeoutMs / 1000)}s`;
  context.say(`deployment failed: ${cause}`);
  const rollback = await rollBack(
    {
      provider: scope.provider,
      stable: scope.target.stable,
      platformRolloutId: outcome.kind === 'platform-rollback' ? outcome.rollbackRolloutId : undefined,
      allowed: request.rollback,
      timeoutMs: request.timeoutMs,
      tracker: new ProgressTracker(watched.last?.events ?? []),
      watched: { handle: scope.handle, subject: scope.subject, failedSince: watched.failedSince },
      followsDeployment: watched.last?.deployment !== undefined,
    },
    context,
  );
  const timeline = scope.applied.timeline && [...scope.applied.timeline, ...(rollback.samples ?? [])];
  const stoppedTasks = [...scope.failedTasks, ...rollback.stoppedTasks.filter((t) => t.category !== 'benign')];
  const outcomeName = finalOutcome(timedOut, rollback.summary);
  const platformCause = rollback.summary.by === 'platform' && rollback.cause ? `; ECS: ${rollback.cause}` : '';
  return {
    ...scope.applied,
    ...(timeline ? { timeline } : {}),
    outcome: outcomeName,
    rollback: rollback.summary,
    stoppedTasks,
    nextSteps: scope.nextSteps,
    message: `${timedOut ? 'timed out' : 'failed'}: ${cause}${platformCause}; ${describeRollback(rollback.summary)}`,
  };
}

interface EndingScope {
  readonly app: string;
  readonly flags: string;
  readonly version: string;
  readonly label: string;
  readonly stable: RevisionRef;
  readonly statusCommand: string;
  readonly now: number;
}

/**
 * How the watch ends when the platform's deployment object decided it: succeeded, rolled back by
 * ECS, failed without a rollback ECS could make, paused at a hook, or at the stage asked for.
 * Anything else (Slipway's own fail-fast, a timeout, a STOPPED deployment) goes on to the rollback.
 */
export function deploymentEnding(
  outcome: Exclude<Verdict, { kind: 'continue' }> | WatchResult['outcome'],
  scope: EndingScope,
): Fields | undefined {
  const continueCommand = `npx nx run ${scope.app}:deploy-continue -- ${scope.flags}`;
  const rollbackCommand = `npx nx run ${scope.app}:rollback -- ${scope.flags}`;
  const to = `${scope.stable.label}${scope.stable.version ? ` (${scope.stable.version})` : ''}`;
  switch (outcome.kind) {
    case 'deployment-succeeded':
      return { outcome: 'DEPLOYED', message: succeeded(outcome.deployment, scope) };
    case 'deployment-rolled-back':
      return {
        outcome: 'ROLLED_BACK',
        rollback: {
          by: 'platform',
          status: 'COMPLETED',
          revision: revisionSummary(scope.stable),
          rolloutId: outcome.deployment.id,
          trigger: rollbackTrigger(outcome.deployment),
        },
        nextSteps: [scope.statusCommand],
        message: `failed: ECS rolled ${outcome.deployment.id} back: ${outcome.reason}; rolled back by the platform (${rollbackTrigger(outcome.deployment)}): ${to} is primary and stable`,
      };
    case 'deployment-failed':
      if (outcome.deployment.status !== 'ROLLBACK_FAILED') return undefined;
      return {
        outcome: 'FAILED',
        rollback: { by: 'platform', status: 'FAILED', revision: revisionSummary(scope.stable), reason: outcome.reason },
        nextSteps: [scope.statusCommand, rollbackCommand],
        message: `failed and not rolled back: ECS could not roll ${outcome.deployment.id} back: ${outcome.reason}; check the service before acting`,
      };
    case 'paused':
      return {
        outcome: 'PAUSED',
        nextSteps: [continueCommand, rollbackCommand, scope.statusCommand],
        message: `${describeHook(outcome.deployment, outcome.hook.id, outcome.hook.expiresAt, scope.now)}. Nothing failed: continue with ${continueCommand}, or roll back with ${rollbackCommand}`,
      };
    case 'stage-reached':
      return {
        outcome: 'STAGE_REACHED',
        nextSteps: [scope.statusCommand, rollbackCommand],
        message: stageReached(outcome.deployment, outcome.stage, scope, rollbackCommand),
      };
    default:
      return undefined;
  }
}

function succeeded(deployment: PlatformDeployment, scope: EndingScope): string {
  const target = targetShare(deployment);
  const live = `${scope.version} is live on ${scope.label}: ECS deployment SUCCESSFUL`;
  if (deployment.earlySuccessPercent === undefined || !target || target.running >= target.requested)
    return target ? `${live}, running ${target.running}/${target.requested}` : live;
  return `${live} by its early success criteria (${deployment.earlySuccessPercent}% healthy: ${target.running} of ${target.requested} tasks running when it completed); ECS keeps scaling to ${target.requested} in the background`;
}

function stageReached(
  deployment: PlatformDeployment,
  stage: string,
  scope: EndingScope,
  rollbackCommand: string,
): string {
  const bake = deployment.bakeMinutes;
  const window = bake
    ? `ECS bakes for ${bake} min: the rollback window stays open until the bake ends (about ${new Date(scope.now + bake * 60_000).toISOString()})`
    : 'the rollback window stays open until ECS finishes the deployment';
  const traffic = targetShare(deployment)?.productionWeight;
  return `${scope.version} reached ${deployment.stage ?? stage} on ${scope.label}${traffic !== undefined ? ` with ${traffic}% of production traffic` : ''}; ${window}; ${rollbackCommand} rolls it back instantly until then`;
}

function finalOutcome(timedOut: boolean, rollback: RollbackSummary): Outcome {
  switch (rollback.status) {
    case 'COMPLETED':
      return timedOut ? 'TIMED_OUT' : 'ROLLED_BACK';
    case 'DISABLED':
      return timedOut ? 'TIMED_OUT' : 'FAILED';
    case 'SUPERSEDED':
      return 'SUPERSEDED';
    case 'INTERRUPTED':
      return 'INTERRUPTED';
    default:
      return 'FAILED';
  }
}

function describeRollback(rollback: RollbackSummary): string {
  const to = rollback.revision
    ? `${rollback.revision.label}${rollback.revision.version ? ` (${rollback.revision.version})` : ''}`
    : 'the previous revision';
  const who = rollback.by === 'platform' ? `the platform (${rollback.trigger ?? 'circuit breaker'})` : 'Slipway';
  switch (rollback.status) {
    case 'COMPLETED':
      return `rolled back by ${who}: ${to} is primary and stable`;
    case 'DISABLED':
      return `not rolled back (--no-rollback); ${to} is the last good revision`;
    case 'INTERRUPTED':
      return rollback.by === 'none'
        ? `interrupted while waiting for the platform to roll back to ${to}`
        : `interrupted while rolling back to ${to}`;
    default: {
      if (rollback.by === 'none') return `not rolled back: ${rollback.reason ?? rollback.status.toLowerCase()}`;
      const status = rollback.status.toLowerCase().replace('_', ' ');
      return `rollback to ${to} by ${who} ${status}${rollback.reason ? `: ${rollback.reason}` : ''}`;
    }
  }
}

function preflightFields(error: unknown): Fields {
  if (error instanceof DeployError)
    return {
      outcome: error.outcome,
      message: error.message,
      nearestVersions: error.details['nearestVersions'] as string[] | undefined,
    };
  if (error instanceof ProviderError)
    return {
      outcome: 'PREFLIGHT_FAILED',
      message: `pre-flight failed: ${error.operation}: ${error.message}. Nothing was changed.`,
    };
  return { outcome: 'PREFLIGHT_FAILED', message: `pre-flight failed: ${describeError(error)}. Nothing was changed.` };
}

export function suggestions(
  app: string,
  flags: string,
  stable: RevisionRef,
  provider: DeployProvider,
  statusCommand: string,
): string[] {
  const rollbackCommand = stable.version
    ? `npx nx run ${app}:rollback -- ${flags} --to ${stable.version}`
    : `npx nx run ${app}:rollback -- ${flags} --to <previous version>`;
  return [statusCommand, rollbackCommand, ...provider.inspectCommands()];
}

export function interruptedMessage(watched: WatchResult, handle: RolloutHandle): string {
  const mine = watched.last?.rollouts.find((r) => r.id === handle.rolloutId);
  const state = mine
    ? `${mine.state}, running ${mine.running}/${mine.desired}, failed ${mine.failed}`
    : 'state unknown';
  const goesOn = 'the deployment goes on without Slipway watching it';
  return `interrupted while watching ${handle.rolloutId} (${state}); ${goesOn}`;
}
