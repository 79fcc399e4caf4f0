/**
 * A deployment the platform runs as an object of its own, with a status, a lifecycle stage, traffic
 * weights, failure monitors, a rollback record and hooks (ECS service deployments, 2024+). Optional
 * in the provider contract: providers without such an object (Kubernetes, local Docker, an ECS
 * endpoint from before the API) leave it out and the engine judges their rollouts as before.
 * Field values are the platform's own words (ECS enum values), so reports quote what it said.
 */

export type PlatformDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export const TERMINAL_DEPLOYMENT_STATUSES: readonly PlatformDeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

export const isTerminal = (deployment: Pick<PlatformDeployment, 'status'>) =>
  TERMINAL_DEPLOYMENT_STATUSES.includes(deployment.status);

export const isRollingBack = (deployment: Pick<PlatformDeployment, 'status'>) =>
  deployment.status === 'ROLLBACK_REQUESTED' || deployment.status === 'ROLLBACK_IN_PROGRESS';

/** One revision the deployment moves traffic and tasks between. */
export interface RevisionShare {
  readonly id: string;
  /** The revision's task definition label (`api:3`), or a short form of its id. */
  readonly label: string;
  readonly role: 'target' | 'source';
  readonly requested: number;
  readonly running: number;
  readonly pending: number;
  /** Percent of test / production traffic requested for this revision, when the strategy shifts traffic. */
  readonly testWeight?: number;
  readonly productionWeight?: number;
}

export interface PendingHook {
  readonly id: string;
  /** `PAUSE` hooks wait for a person; `AWS_LAMBDA` ones for a function. */
  readonly type?: string;
  readonly status: string;
  readonly expiresAt?: Date;
  /** What the platform does when the hook times out (`ROLLBACK`, `CONTINUE`). */
  readonly timeoutAction?: string;
}

export interface PlatformDeployment {
  readonly id: string;
  readonly status: PlatformDeploymentStatus;
  readonly statusReason?: string;
  /** `ROLLING`, `BLUE_GREEN`, `LINEAR`, `CANARY`. */
  readonly strategy: string;
  /** Absent for strategies without stages (ROLLING), and sometimes while a hook waits. */
  readonly stage?: string;
  readonly revisions: readonly RevisionShare[];
  readonly circuitBreaker?: { readonly status?: string; readonly failureCount?: number; readonly threshold?: number };
  readonly alarms?: {
    readonly status?: string;
    readonly names: readonly string[];
    readonly triggered: readonly string[];
  };
  readonly rollback?: { readonly reason?: string; readonly startedAt?: Date; readonly revisionId?: string };
  readonly hooks: readonly PendingHook[];
  /** Minutes both revisions keep running after production traffic moved (the rollback window). */
  readonly bakeMinutes?: number;
  /** ROLLING with early success: the deployment completes at this percent of healthy tasks. */
  readonly earlySuccessPercent?: number;
  readonly createdAt?: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly updatedAt?: Date;
}

/**
 * How the target deploys, read before any change: enough to validate `--wait-until` and to refuse
 * what cannot work.
 */
export interface DeploymentPolicy {
  readonly strategy: string;
  /** The lifecycle stages of this strategy, in order (empty when it has none, e.g. ROLLING). */
  readonly stages: readonly string[];
  readonly bakeMinutes?: number;
  /** Stages with a PAUSE hook: the deployment will wait there for `deploy-continue`. */
  readonly pauseStages: readonly string[];
  /** Whether the platform's deployment object can be followed on this endpoint. */
  readonly followable: boolean;
  /** Settings the platform would reject or Slipway cannot deploy: each a full sentence with its fix. */
  readonly refusals: readonly string[];
}

/** `deployed`: a terminal status. `stage`: the deployment reached (or passed) that lifecycle stage. */
export type WaitTarget = { readonly kind: 'deployed' } | { readonly kind: 'stage'; readonly stage: string };

/** What a waiting hook should get: go on, or roll back. */
export type HookDecision = 'CONTINUE' | 'ROLLBACK';

/** The hook waiting for a person, if any. */
export function awaitingHook(deployment: PlatformDeployment): PendingHook | undefined {
  return deployment.hooks.find((h) => h.status === 'AWAITING_ACTION');
}

export function targetShare(deployment: PlatformDeployment): RevisionShare | undefined {
  return deployment.revisions.find((r) => r.role === 'target');
}
