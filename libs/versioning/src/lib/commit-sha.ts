/**
 * Commit SHAs as image tags use them: the full 40-character lower-case hex object name.
 * A short SHA is refused because it stops being unique as the history grows, and the
 * `sha-<commit>` tag must name exactly one commit forever.
 */
export class InvalidCommitShaError extends Error {
  override readonly name = 'InvalidCommitShaError';
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const HEX = /^[0-9a-fA-F]+$/;
const EXPECTED = 'expected the full 40-character lower-case commit SHA (git rev-parse HEAD)';

export function parseCommitSha(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidCommitShaError(`no commit SHA given: ${EXPECTED}`);
  }
  if (FULL_SHA.test(input)) {
    return input;
  }
  const shown = JSON.stringify(input);
  if (input !== input.trim()) {
    throw new InvalidCommitShaError(`commit SHA ${shown} has surrounding whitespace: ${EXPECTED}`);
  }
  if (!HEX.test(input)) {
    throw new InvalidCommitShaError(`commit SHA ${shown} is not hexadecimal: ${EXPECTED}`);
  }
  if (input.length !== 40) {
    throw new InvalidCommitShaError(`commit SHA ${shown} has ${input.length} characters: ${EXPECTED}`);
  }
  throw new InvalidCommitShaError(`commit SHA ${shown} has upper-case letters: use ${input.toLowerCase()}`);
}

export function isCommitSha(input: unknown): input is string {
  return typeof input === 'string' && FULL_SHA.test(input);
}
