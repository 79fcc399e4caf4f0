import type { DeployRequest } from '../config/options';
import { applyFailure, applyPlan } from '../phases/apply';
import { planRelease } from '../phases/plan';
import { watchWaitOf } from '../phases/policy-check';
import { ProgressTracker } from '../phases/progress';
import { describeImage, resolveRelease } from '../phases/resolve';
import type { WatchSubject } from '../phases/verdict';
import { watchRollout } from '../phases/watch';
import { revisionSummary, type DeployReport } from '../report/report';
import { stopBeforeApply } from './before-apply';
import type { RunContext } from './context';
import { preflightFailure } from './preflight-failure';
import type { PreparedTarget } from './prepare';
import { releaseEnding } from './release-ending';
import { reportFinisher, targetFields } from './report-fields';
import { suggestedCommands } from './suggested-commands';

export interface ReleaseInput {
  readonly command: 'deploy' | 'rollback';
  readonly request: DeployRequest;
  readonly prepared: PreparedTarget;
}

/**
 * The deploy path, shared by `deploy` and `rollback`: resolve → plan → guard → apply → watch →
 * roll back → report. Every step before apply is read-only; an error there means nothing changed.
 */
export async function executeRelease(input: ReleaseInput, context: RunContext): Promise<DeployReport> {
  const { command, request, prepared } = input;
  const { provider, environment } = prepared;
  const app = context.deps.app;
  const commands = suggestedCommands(request, environment.name, context.deps);
  const finish = reportFinisher(
    {
      ...targetFields(command, prepared, context),
      version: request.version,
    },
    context,
  );
  const doing = command === 'rollback' ? 'Rolling back' : 'Deploying';
  const dryRun = request.dryRun ? ' (dry run)' : '';
  context.deps.log(`${doing} ${app} ${request.version} to ${environment.name}: ${provider.description}${dryRun}`);

  // Resolve, plan: read-only.
  let planned;
  try {
    const image = await resolveRelease(provider, request.version, context);
    context.say(`resolved ${describeImage(image)}`);
    planned = { image, ...(await planRelease(provider, image, context)) };
  } catch (error) {
    return finish(preflightFailure(error));
  }
  const { image, target, plan } = planned;
  const known = {
    commit: image.commit,
    digest: image.digest,
    image: image.reference,
    previousRevision: revisionSummary(target.current),
    changes: plan.changes,
  };

  // Guard, and every other reason to change nothing.
  const stop = stopBeforeApply({ request, provider, image, target, plan, commands }, context);
  if (stop) return finish({ ...known, ...stop });

  // Apply: the first change.
  const tracker = new ProgressTracker(target.events);
  let handle;
  try {
    handle = await applyPlan(provider, plan, context);
  } catch (error) {
    return finish({ ...known, ...applyFailure(error, target.current, provider.description, commands.status) });
  }
  const timeout = `${Math.round(request.timeoutMs / 1000)}s`;
  context.say(`registered ${handle.revision.label}; watching rollout ${handle.rolloutId} (timeout ${timeout})`);

  // Watch the rollout this run started.
  const subject: WatchSubject = {
    rolloutId: handle.rolloutId,
    revisionId: handle.revision.id,
    stableRevisionId: target.stable.id,
    platformRollback: target.platformRollback,
    wait: watchWaitOf(target, request.waitUntil, request.onPause),
  };
  const deadline = context.clock.now() + request.timeoutMs;
  const watched = await watchRollout(provider, handle, subject, tracker, deadline, context);

  // Roll back when it failed; report.
  const applied = { ...known, newRevision: revisionSummary(handle.revision), rolloutId: handle.rolloutId };
  return finish(
    await releaseEnding(watched, { provider, target, request, context, handle, subject, commands, applied }),
  );
}
