import { exitCodeOf, type Outcome } from '../outcome';
import type { RolloutSample } from '../phases/deployment-progress';
import type { RevisionChange, RevisionRef, StoppedTask } from '../provider';

export interface RevisionSummary {
  readonly id: string;
  readonly label: string;
  readonly image?: string;
  readonly version?: string;
}

export function revisionSummary(revision: RevisionRef): RevisionSummary {
  return { id: revision.id, label: revision.label, image: revision.image, version: revision.version };
}

export type RollbackStatus = 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'SUPERSEDED' | 'INTERRUPTED' | 'LOST' | 'DISABLED';

export interface RollbackSummary {
  /** Who rolled back: the platform (ECS circuit breaker) or Slipway (UpdateService). */
  readonly by: 'platform' | 'slipway' | 'none';
  readonly status: RollbackStatus;
  readonly revision?: RevisionSummary;
  readonly rolloutId?: string;
  readonly reason?: string;
  /** What made the platform roll back: `circuit breaker`, `alarm api-5xx`, `hook timed out`, … */
  readonly trigger?: string;
}

/** Everything a deploy or rollback run produced; rendered as text, markdown, JSON and GitHub outputs. */
export interface DeployReport {
  readonly command: 'deploy' | 'rollback' | 'deploy-continue';
  readonly outcome: Outcome;
  readonly exitCode: number;
  /** One sentence: why it ended this way and what to do next. */
  readonly message: string;
  readonly app: string;
  readonly environment?: string;
  readonly provider?: string;
  readonly target?: string;
  readonly version?: string;
  readonly commit?: string;
  readonly digest?: string;
  readonly image?: string;
  readonly previousRevision?: RevisionSummary;
  readonly newRevision?: RevisionSummary;
  /** Registered by this run but never rolled out (the platform refused to start the rollout). */
  readonly unusedRevision?: RevisionSummary;
  readonly rolloutId?: string;
  readonly changes?: readonly RevisionChange[];
  readonly rollback?: RollbackSummary;
  readonly stoppedTasks: readonly StoppedTask[];
  readonly nearestVersions?: readonly string[];
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Exact commands to check or roll back by hand. */
  readonly nextSteps: readonly string[];
  /** The platform deployment followed (ECS service deployment ARN), when there was one. */
  readonly deploymentId?: string;
  /** Its strategy (`BLUE_GREEN`, …), for the rollout chart's title. */
  readonly strategy?: string;
  /** The platform deployment each time it changed, rollback included: the rollout chart's points. */
  readonly timeline?: readonly RolloutSample[];
}

export type ReportFields = Omit<
  DeployReport,
  'exitCode' | 'startedAt' | 'finishedAt' | 'durationMs' | 'stoppedTasks' | 'nextSteps' | 'dryRun'
> &
  Partial<Pick<DeployReport, 'stoppedTasks' | 'nextSteps' | 'dryRun'>>;

export function buildReport(fields: ReportFields, startedAt: number, finishedAt: number): DeployReport {
  return {
    ...fields,
    exitCode: exitCodeOf(fields.outcome),
    stoppedTasks: fields.stoppedTasks ?? [],
    nextSteps: fields.nextSteps ?? [],
    dryRun: fields.dryRun ?? false,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
  };
}

export function outcomeLine(report: Pick<DeployReport, 'outcome' | 'exitCode'>): string {
  return `outcome: ${report.outcome} (exit ${report.exitCode})`;
}
