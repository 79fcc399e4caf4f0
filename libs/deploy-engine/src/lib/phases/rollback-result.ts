import type { StoppedTask } from '../provider';
import type { RollbackSummary } from '../report/report';
import type { RolloutSample } from './deployment-progress';

/** How the roll back phase ended, whichever way it went (platform deployment, platform, redeploy). */
export interface RollbackResult {
  readonly summary: RollbackSummary;
  readonly stoppedTasks: readonly StoppedTask[];
  /** The rollback's points of the rollout chart, when the platform's deployment was followed. */
  readonly samples?: readonly RolloutSample[];
  /** Why the platform rolled back, in its own words, when it did. */
  readonly cause?: string;
}
