/**
 * Every way a deploy, rollback or status run can end, and the process exit code of each.
 * Nx collapses failed tasks to exit 1, so the code is also printed, written to JSON and to
 * GITHUB_OUTPUT; `bin/slipway.js` exits with it directly.
 */
export const OUTCOMES = {
  /** The new revision is primary, completed and running at the desired count. */
  DEPLOYED: 0,
  /** The image already runs on the target; nothing was changed. */
  ALREADY_DEPLOYED: 0,
  /** `--dry-run`: the plan was printed; nothing was changed. */
  PLANNED: 0,
  /** `deploy-status` read every environment. */
  REPORTED: 0,
  /**
   * `--wait-until stage:<STAGE>`: the deployment reached that lifecycle stage (e.g. BAKE_TIME: all
   * production traffic on the new revision); ECS goes on (bake, clean-up) and can still roll back.
   */
  STAGE_REACHED: 0,
  /** `rollback` of a deployment in flight: ECS rolled it back; the previous revision serves again. */
  REVERTED: 0,
  /** Bad version, environment, option or configuration; no remote call was made. */
  INVALID_INPUT: 2,
  /** A pre-flight check (image, repository, service, permissions) failed; nothing was changed. */
  PREFLIGHT_FAILED: 2,
  /**
   * The platform refused to register the revision or to start the rollout; nothing running changed.
   * If the start was refused, the revision registered just before is left unused (named in the report).
   */
  APPLY_REFUSED: 2,
  /** The deployment failed and the previous revision is primary and stable again. */
  ROLLED_BACK: 3,
  /** The deployment failed and was not rolled back (disabled, or the rollback failed too). */
  FAILED: 4,
  /** The deployment did not finish in time (the previous revision was restored unless --no-rollback). */
  TIMED_OUT: 5,
  /** Another deployment replaced this one while it was being watched. */
  SUPERSEDED: 6,
  /** Another deployment was already in progress; nothing was changed (use --force to override). */
  REFUSED_IN_PROGRESS: 7,
  /**
   * The deployment waits at a PAUSE lifecycle hook for a decision: nothing failed. `deploy-continue`
   * goes on, `rollback` rolls it back; left alone, the hook's timeout action decides.
   */
  PAUSED: 8,
  /** SIGINT/SIGTERM while watching; the deployment itself goes on. */
  INTERRUPTED: 130,
} as const;

export type Outcome = keyof typeof OUTCOMES;

export function exitCodeOf(outcome: Outcome): number {
  return OUTCOMES[outcome];
}

export function isSuccess(outcome: Outcome): boolean {
  return exitCodeOf(outcome) === 0;
}

/** The table printed in `--help`-adjacent docs and in the markdown summary footnote. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [number, string]> = [
  [0, 'deployed (or dry run, already deployed, stage reached, in-flight deployment rolled back on request)'],
  [2, 'invalid input, failed pre-flight or refused update; nothing running changed'],
  [3, 'failed and rolled back'],
  [4, 'failed and not rolled back (rollback disabled or failed)'],
  [5, 'timed out'],
  [6, 'superseded by another deployment'],
  [7, 'refused: another deployment in progress'],
  [8, 'paused at a lifecycle hook: a decision is pending'],
  [130, 'interrupted'],
];
