import { formatDuration } from '../config/duration';
import { isRollingBack, type PlatformDeployment } from '../platform-deployment';

/**
 * The platform's deployment object in words, quoting what it said: why it ended, what rolled it
 * back, which hook it waits at. Used by the verdict's notes and by the reports. Pure.
 */

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
