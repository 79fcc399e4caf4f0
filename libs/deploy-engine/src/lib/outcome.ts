/**
 * Every way a deploy, rollback or status run can end, under the process exit code it ends with: the
 * one source of these codes. The schema descriptions, the runner's header and the exit-code tables of
 * the README and docs are generated from it (`npx nx sync`). Nx collapses failed tasks to exit 1, so
 * the code is also printed, written to JSON and to GITHUB_OUTPUT; `bin/slipway.js` exits with it.
 */
const BY_EXIT_CODE = {
  0: {
    means: 'deployed (or dry run, already deployed, stage reached, deployment in flight rolled back on request)',
    outcomes: {
      DEPLOYED: 'the new revision is primary, completed and running at the desired count',
      ALREADY_DEPLOYED: 'the image already runs on the target; nothing was changed',
      PLANNED: '`--dry-run`: the plan was printed; nothing was changed',
      REPORTED: '`deploy-status` read every environment',
      STAGE_REACHED:
        '`--wait-until stage:<STAGE>`: the ECS deployment reached that lifecycle stage (e.g. BAKE_TIME: all production ' +
        'traffic on the new revision); ECS goes on (bake, clean-up) and can still roll back',
      REVERTED: '`rollback` of a deployment in flight: ECS rolled it back; the previous revision serves again',
    },
  },
  2: {
    means: 'invalid input, failed pre-flight or refused update; nothing running changed',
    outcomes: {
      INVALID_INPUT: 'bad version, environment, option or configuration; no remote call was made',
      PREFLIGHT_FAILED: 'a pre-flight check (image, repository, service, permissions) failed; nothing was changed',
      APPLY_REFUSED:
        'the platform refused to register the revision or to start the rollout; nothing running changed ' +
        '(if the start was refused, the revision registered just before is left unused, named in the report)',
    },
  },
  3: {
    means: 'failed and rolled back',
    outcomes: {
      ROLLED_BACK:
        'the deployment failed and the previous revision is primary and stable again (rolled back by the platform or by Slipway)',
    },
  },
  4: {
    means: 'failed and not rolled back (rollback disabled or failed)',
    outcomes: {
      FAILED:
        'the deployment failed and was not rolled back (--no-rollback, the rollback failed too, or Slipway lost track of the rollout)',
    },
  },
  5: {
    means: 'timed out',
    outcomes: {
      TIMED_OUT:
        'the deployment did not finish in time; the previous revision was restored unless --no-rollback (if that restore failed: FAILED)',
    },
  },
  6: {
    means: 'superseded by another deployment',
    outcomes: {
      SUPERSEDED: 'another deployment replaced this one while it was being watched (also during a rollback)',
    },
  },
  7: {
    means: 'refused: another deployment in progress',
    outcomes: {
      REFUSED_IN_PROGRESS: 'another deployment was already in progress; nothing was changed (--force overrides)',
    },
  },
  8: {
    means: 'paused at a lifecycle hook: a decision is pending',
    outcomes: {
      PAUSED:
        'the ECS deployment waits at a PAUSE lifecycle hook: nothing failed; `deploy-continue` goes on, `rollback` ' +
        "rolls it back, left alone the hook's timeout action decides",
    },
  },
  130: {
    means: 'interrupted',
    outcomes: { INTERRUPTED: 'SIGINT/SIGTERM while watching; the deployment itself goes on' },
  },
} as const;

type ByExitCode = typeof BY_EXIT_CODE;
export type ExitCode = keyof ByExitCode;
export type Outcome = { [C in ExitCode]: keyof ByExitCode[C]['outcomes'] }[ExitCode];

const CODES = Object.keys(BY_EXIT_CODE).map(Number) as ExitCode[];

/** One row per outcome, in exit-code order: what the docs list. */
export const OUTCOME_TABLE: ReadonlyArray<{
  readonly outcome: Outcome;
  readonly exitCode: ExitCode;
  readonly means: string;
}> = CODES.flatMap((exitCode) =>
  Object.entries(BY_EXIT_CODE[exitCode].outcomes).map(([outcome, means]) => ({
    outcome: outcome as Outcome,
    exitCode,
    means: means as string,
  })),
);

/** The exit code of each outcome. */
export const OUTCOMES = Object.fromEntries(OUTCOME_TABLE.map((row) => [row.outcome, row.exitCode])) as Readonly<
  Record<Outcome, ExitCode>
>;

export function exitCodeOf(outcome: Outcome): number {
  return OUTCOMES[outcome];
}

export function isSuccess(outcome: Outcome): boolean {
  return exitCodeOf(outcome) === 0;
}

/** What each exit code means, in one line: the markdown summary's footnote, the schemas and the docs. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [ExitCode, string]> = CODES.map((code) => [
  code,
  BY_EXIT_CODE[code].means,
]);
