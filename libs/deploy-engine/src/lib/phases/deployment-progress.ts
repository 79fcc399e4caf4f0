import type { PlatformDeployment, RevisionShare } from '../platform-deployment';

/**
 * The platform deployment as a progress line (printed when it changes) and as a sample of the
 * rollout chart: status, stage, traffic weights and task counts per revision, monitors, hooks.
 */

export function formatDeployment(deployment: PlatformDeployment): string {
  const stage = deployment.stage ? ` at ${deployment.stage}` : '';
  const parts = [`ECS deployment ${deployment.status} (${deployment.strategy})${stage}`];
  const traffic = weights(deployment.revisions, 'productionWeight');
  if (traffic) parts.push(`production traffic ${traffic}`);
  const test = weights(deployment.revisions, 'testWeight');
  if (test) parts.push(`test traffic ${test}`);
  parts.push(
    `tasks ${deployment.revisions
      .map((r) => `${r.label} ${r.running}/${r.requested} running${r.pending > 0 ? ` ${r.pending} pending` : ''}`)
      .join(', ')}`,
  );
  const breaker = deployment.circuitBreaker;
  if (breaker?.status && breaker.status !== 'DISABLED' && (breaker.failureCount ?? 0) > 0)
    parts.push(`circuit breaker ${breaker.status} ${breaker.failureCount}/${breaker.threshold ?? '?'} failed`);
  if ((deployment.alarms?.triggered.length ?? 0) > 0)
    parts.push(`alarms in ALARM: ${deployment.alarms?.triggered.join(', ')}`);
  for (const hook of deployment.hooks) if (hook.status !== 'SUCCEEDED') parts.push(`hook ${hook.id} ${hook.status}`);
  return parts.join('; ');
}

function weights(revisions: readonly RevisionShare[], key: 'productionWeight' | 'testWeight'): string | undefined {
  const shares = revisions.filter((r) => r[key] !== undefined);
  if (shares.length === 0) return undefined;
  return shares.map((r) => `${r.label} ${r[key]}%`).join(' / ');
}

/** One point of the rollout chart: what the deployment looked like `atMs` after the command started. */
export interface RolloutSample {
  readonly atMs: number;
  readonly status: string;
  readonly stage?: string;
  readonly revisions: ReadonlyArray<{
    readonly label: string;
    readonly role: RevisionShare['role'];
    readonly running: number;
    readonly productionWeight?: number;
  }>;
  readonly triggeredAlarms: readonly string[];
  readonly hook?: string;
}

export function sampleOf(deployment: PlatformDeployment, atMs: number): RolloutSample {
  const hook = deployment.hooks.find((h) => h.status === 'AWAITING_ACTION');
  return {
    atMs,
    status: deployment.status,
    stage: deployment.stage,
    revisions: deployment.revisions.map((r) => ({
      label: r.label,
      role: r.role,
      running: r.running,
      productionWeight: r.productionWeight,
    })),
    triggeredAlarms: deployment.alarms?.triggered ?? [],
    hook: hook ? `${hook.id} ${hook.status}` : undefined,
  };
}
