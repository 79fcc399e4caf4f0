/**
 * Release versions as deploys accept them: `vMAJOR.MINOR.PATCH`, nothing else.
 * Pre-releases are refused on purpose: semantic-release only cuts releases from `main`,
 * so a pre-release tag never names an image that went through the release pipeline.
 */
export interface ReleaseVersion {
  readonly tag: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
}

const RELEASE_TAG = /^v(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
const BARE_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const EXPECTED = 'expected a release version like v1.2.0 (vMAJOR.MINOR.PATCH)';

export function parseReleaseVersion(input: unknown): ReleaseVersion {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidVersionError(`no version given: ${EXPECTED}`);
  }
  const shown = JSON.stringify(input);
  if (input !== input.trim()) {
    throw new InvalidVersionError(`version ${shown} has surrounding whitespace: ${EXPECTED}`);
  }
  if (input === 'latest') {
    throw new InvalidVersionError(`"latest" is a moving tag and is never deployed: ${EXPECTED}`);
  }
  if (BARE_SEMVER.test(input)) {
    throw new InvalidVersionError(`version ${shown} lacks the "v" prefix: did you mean v${input}?`);
  }
  const match = RELEASE_TAG.exec(input);
  if (!match) {
    throw new InvalidVersionError(`version ${shown} is not valid: ${EXPECTED}`);
  }
  return { tag: input, major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function isReleaseVersion(input: unknown): input is string {
  return typeof input === 'string' && RELEASE_TAG.test(input);
}

/** Orders versions newest first; used to suggest the nearest existing versions. */
export function compareReleaseVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return b.major - a.major || b.minor - a.minor || b.patch - a.patch;
}
