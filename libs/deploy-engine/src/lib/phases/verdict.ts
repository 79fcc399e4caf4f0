import type { OnPause } from '../config/options';
import type { PendingHook, PlatformDeployment, WaitTarget } from '../platform-deployment';
import type { Observation, RolloutSnapshot, StoppedTask } from '../provider';
import type { FailFastPolicy } from './fail-fast';

/**
 * What the watch judges and the decisions it can reach: the vocabulary shared by the verdict on a
 * rollout (`watch-verdict.ts`) and on the platform's deployment object (`deployment-verdict.ts`).
 */

/** What is being watched: the rollout a call created, and where it should end. */
export interface WatchSubject {
  readonly rolloutId: string;
  readonly revisionId: string;
  /** Revision the platform would roll back to (the last completed one). */
  readonly stableRevisionId: string;
  /** Follow the platform's own rollback (ECS circuit breaker) rather than calling it a supersede. */
  readonly platformRollback: boolean;
  /** Where to stop watching the platform's deployment object, when there is one. Default: deployed, exit at a pause. */
  readonly wait?: WatchWait;
}

export interface WatchWait {
  readonly target: WaitTarget;
  readonly onPause: OnPause;
  /** The strategy's lifecycle stages in order, to compare positions. */
  readonly stages: readonly string[];
}

export type Verdict =
  | { readonly kind: 'continue'; readonly note?: string }
  | { readonly kind: 'completed'; readonly rollout: RolloutSnapshot }
  | { readonly kind: 'failed'; readonly reason: string; readonly tasks: readonly StoppedTask[] }
  | { readonly kind: 'platform-rollback'; readonly reason: string; readonly rollbackRolloutId: string }
  | { readonly kind: 'superseded'; readonly by?: RolloutSnapshot; readonly reason?: string }
  /** The platform's deployment object reached a terminal status, or a point the user asked to stop at. */
  | { readonly kind: 'deployment-succeeded'; readonly deployment: PlatformDeployment }
  | { readonly kind: 'deployment-rolled-back'; readonly deployment: PlatformDeployment; readonly reason: string }
  | { readonly kind: 'deployment-failed'; readonly deployment: PlatformDeployment; readonly reason: string }
  | { readonly kind: 'paused'; readonly deployment: PlatformDeployment; readonly hook: PendingHook }
  | { readonly kind: 'stage-reached'; readonly deployment: PlatformDeployment; readonly stage: string };

export interface VerdictInput {
  readonly observation: Observation;
  readonly subject: WatchSubject;
  readonly policy: FailFastPolicy;
  /** When the subject was first seen FAILED (for the platform-rollback grace), if it was. */
  readonly failedSince?: number;
  readonly now: number;
  /** True once an event said the platform is rolling back (survives the rollout vanishing). */
  readonly rollbackAnnounced: boolean;
}
