import { formatDuration } from '../config/duration';
import { awaitingHook, isRollingBack, type PlatformDeployment } from '../platform-deployment';
import { failureReasons, type Verdict, type VerdictInput } from './watch-verdict';

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
  const reasons = failureReasons(
    mine ?? {
      id: '',
      revisionId: '',
      revisionLabel: '',
      primary: true,
      state: 'IN_PROGRESS',
      desired: 0,
      pending: 0,
      running: 0,
      failed: 0,
    },
    input.observation.stoppedTasks,
    input.policy,
  );
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

/** Every reason ECS gave, quoted: status reason, rollback reason, triggered alarms, breaker count, hook outcome. */
export function whyItEnded(deployment: PlatformDeployment): string {
  const parts: string[] = [];
  if (deployment.statusReason) parts.push(`"${deployment.statusReason}"`);
  const rollbackReason = deployment.rollback?.reason;
  if (rollbackReason && rollbackReason !== deployment.statusReason) parts.push(`rollback reason "${rollbackReason}"`);
  const triggered = deployment.alarms?.triggered ?? [];
  if (triggered.length > 0) parts.push(`alarm${triggered.length > 1 ? 's' : ''} in ALARM: ${triggered.join(', ')}`);
  const breaker = deployment.circuitBreaker;
  if (breaker?.status === 'TRIGGERED')
    parts.push(`circuit breaker: ${breaker.failureCount ?? '?'} failed tasks, threshold ${breaker.threshold ?? '?'}`);
  for (const hook of deployment.hooks.filter((h) => h.status === 'FAILED' || h.status === 'TIMED_OUT'))
    parts.push(`hook ${hook.id} ${hook.status}`);
  return parts.length > 0 ? parts.join('; ') : `ECS says ${deployment.status}`;
}

/** What rolled it back, in a few words, for the summary's "rolled back by the platform (…)". */
export function rollbackTrigger(deployment: PlatformDeployment): string {
  const triggered = deployment.alarms?.triggered ?? [];
  if (triggered.length > 0) return `alarm ${triggered.join(', ')}`;
  if (deployment.circuitBreaker?.status === 'TRIGGERED') return 'circuit breaker';
  const hook = deployment.hooks.find((h) => h.status === 'FAILED' || h.status === 'TIMED_OUT');
  if (hook) return `hook ${hook.status === 'TIMED_OUT' ? 'timed out' : 'answered ROLLBACK'}`;
  return isRollingBack(deployment) || deployment.status === 'ROLLBACK_SUCCESSFUL'
    ? 'rollback requested'
    : deployment.status;
}

export function describeHook(
  deployment: PlatformDeployment,
  hookId: string,
  expiresAt: Date | undefined,
  now: number,
): string {
  const stage = deployment.stage ? `at ${deployment.stage}` : 'at a lifecycle stage ECS does not name';
  const expiry = expiresAt
    ? `; it expires at ${expiresAt.toISOString()} (in ${formatDuration(Math.max(0, expiresAt.getTime() - now))})`
    : '';
  const action = deployment.hooks.find((h) => h.id === hookId)?.timeoutAction;
  return `ECS waits ${stage} for a decision on PAUSE hook ${hookId}${expiry}${action ? `, then ${action}` : ''}`;
}

const quoted = (text: string | undefined) => (text ? `: "${text}"` : '');
