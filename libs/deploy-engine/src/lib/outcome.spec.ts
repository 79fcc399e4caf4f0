import { EXIT_CODE_TABLE, exitCodeOf, isSuccess, OUTCOME_TABLE, OUTCOMES } from './outcome';

describe('outcomes and their exit codes', () => {
  it('give every outcome the exit code it is listed under', () => {
    expect(OUTCOMES).toEqual({
      DEPLOYED: 0,
      ALREADY_DEPLOYED: 0,
      PLANNED: 0,
      REPORTED: 0,
      STAGE_REACHED: 0,
      REVERTED: 0,
      INVALID_INPUT: 2,
      PREFLIGHT_FAILED: 2,
      APPLY_REFUSED: 2,
      ROLLED_BACK: 3,
      FAILED: 4,
      TIMED_OUT: 5,
      SUPERSEDED: 6,
      REFUSED_IN_PROGRESS: 7,
      PAUSED: 8,
      INTERRUPTED: 130,
    });
    expect(exitCodeOf('TIMED_OUT')).toBe(5);
    expect(isSuccess('ALREADY_DEPLOYED')).toBe(true);
    expect(isSuccess('ROLLED_BACK')).toBe(false);
  });

  it('say in one line what each exit code means, in ascending order', () => {
    expect(EXIT_CODE_TABLE).toEqual([
      [0, 'deployed (or dry run, already deployed, stage reached, deployment in flight rolled back on request)'],
      [2, 'invalid input, failed pre-flight or refused update; nothing running changed'],
      [3, 'failed and rolled back'],
      [4, 'failed and not rolled back (rollback disabled or failed)'],
      [5, 'timed out'],
      [6, 'superseded by another deployment'],
      [7, 'refused: another deployment in progress'],
      [8, 'paused at a lifecycle hook: a decision is pending'],
      [130, 'interrupted'],
    ]);
  });

  it('describe every outcome once, in exit-code order', () => {
    expect(OUTCOME_TABLE.map((row) => row.outcome)).toEqual(Object.keys(OUTCOMES));
    expect(OUTCOME_TABLE.map((row) => row.exitCode)).toEqual(
      [...OUTCOME_TABLE.map((row) => row.exitCode)].sort((a, b) => a - b),
    );
    expect(OUTCOME_TABLE.find((row) => row.outcome === 'INTERRUPTED')?.means).toBe(
      'SIGINT/SIGTERM while watching; the deployment itself goes on',
    );
  });
});
