/** What `npm run rehearse` exits with: one code per step that can fail, so a script can tell them apart. */
export const EXIT = {
  ok: 0,
  /** Unexpected error (a bug): the stack is printed. */
  unexpected: 1,
  /** Nothing to rehearse as asked: bad flags, uncommitted changes, no version to deploy, a version taken by another commit. */
  notRehearsable: 2,
  /** No Docker engine or registry could be had; the message says how to get one. */
  noDocker: 3,
  /** lint, test, build or typecheck failed (nx affected). */
  checksFailed: 4,
  /** The release preview (semantic-release dry run) failed. */
  versionFailed: 5,
  /** docker build or publish-image failed. */
  imageFailed: 6,
  /** The deploy did not end DEPLOYED/ALREADY_DEPLOYED; the deploy's own outcome and exit code are printed. */
  deployFailed: 7,
  /** The container is healthy but /version does not answer the deployed version. */
  verifyFailed: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A step failed in a way the rehearsal knows how to explain. */
export class RehearsalError extends Error {
  override readonly name = 'RehearsalError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}
