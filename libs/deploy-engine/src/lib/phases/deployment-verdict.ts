import { awaitingHook, type PlatformDeployment } from '../platform-deployment';
import { describeHook, whyItEnded } from './deployment-reasons';
import { failureReasons } from './fail-fast';
import type { Verdict, VerdictInput } from './verdict';

/**
 * The watch's verdict when the platform's deployment object is followed (ECS service deployments).
 * Its status decides: SUCCESSFUL → done; ROLLBACK_SUCCESSFUL → rolled back, for the reasons it
 * gives; ROLLBACK_FAILED → failed, not rolled back; STOPPED "Replaced by a new service deployment"
 * → superseded, any other STOPPED → failed. While in progress, Slipway's own fail-fast rules on
 * the rollout's stopped tasks still apply, and the wait ends early at a PAUSE hook (unless asked to
 * wait) or at the lifecycle stage asked for (positions compared: fast stages pass between polls).
 * Pure.
 */

/** ECS's statusReason for a deployment another one replaced (ecspresso #961, #899). */
const SUPERSEDED = /Replaced by a new service deployment/i;

export function judgeDeployment(input: VerdictInput, deployment: PlatformDeployment): Verdict {
  const { observation, subject } = input;
  switch (deployment.status) {
    case 'SUCCESSFUL':
      return { kind: 'deployment-succeeded', deployment };
    case 'ROLLBACK_SUCCESSFUL':
      return { kind: 'deployment-rolled-back', deployment, reason: whyItEnded(deployment) };
    case 'ROLLBACK_FAILED':
      return { kind: 'deployment-failed', deployment, reason: whyItEnded(deployment) };
    case 'STOPPED':
      if (SUPERSEDED.test(deployment.statusReason ?? '')) {
        const by = observation.rollouts.find((r) => r.primary && r.id !== subject.rolloutId);
        return { kind: 'superseded', by, reason: deployment.statusReason };
      }
      return { kind: 'deployment-failed', deployment, reason: whyItEnded(deployment) };
    case 'STOP_REQUESTED':
      return { kind: 'continue', note: `ECS is stopping ${deployment.id}${quoted(deployment.statusReason)}` };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return { kind: 'continue', note: `ECS is rolling ${deployment.id} back: ${whyItEnded(deployment)}` };
    default:
      return judgeUnderWay(input, deployment);
  }
}

function judgeUnderWay(input: VerdictInput, deployment: PlatformDeployment): Verdict {
  const wait = input.subject.wait;
  const hook = awaitingHook(deployment);
  if (hook && wait?.onPause !== 'wait') return { kind: 'paused', deployment, hook };
  if (wait?.target.kind === 'stage' && reached(deployment.stage, wait.target.stage, wait.stages)) {
    return { kind: 'stage-reached', deployment, stage: wait.target.stage };
  }
  const mine = input.observation.rollouts.find((r) => r.id === input.subject.rolloutId);
  const reasons = failureReasons({ failed: mine?.failed ?? 0 }, input.observation.stoppedTasks, input.policy);
  if (reasons.fatal) return { kind: 'failed', reason: reasons.messages.join('; '), tasks: reasons.tasks };
  if (hook) return { kind: 'continue', note: describeHook(deployment, hook.id, hook.expiresAt, input.now) };
  return { kind: 'continue' };
}

/** Stage positions, not equality: a watch may never see a stage that lasted less than a poll. */
export function reached(current: string | undefined, target: string, stages: readonly string[]): boolean {
  if (current === undefined) return false;
  const at = stages.indexOf(current);
  const goal = stages.indexOf(target);
  return at >= 0 && goal >= 0 && at >= goal;
}

const quoted = (text: string | undefined) => (text ? `: "${text}"` : '');
