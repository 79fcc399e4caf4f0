import { parseCommitSha } from './commit-sha';
import { parseReleaseVersion } from './release-version';

export interface BuildIdentity {
  /** Full commit SHA the image was built from. */
  readonly commit: string;
  /** Release tag (`vX.Y.Z`) when semantic-release published one for this commit; absent otherwise. */
  readonly version?: string | null;
}

/**
 * The tags one image build receives: `vX.Y.Z` when a version was released, and always
 * `sha-<commit>`. Every tag is validated, so a moving tag such as `latest` cannot come out.
 * An empty string is not "no version": callers must pass undefined/null explicitly,
 * so a blank pipeline variable fails loudly instead of silently dropping the release tag.
 */
export function imageTagsFor({ commit, version }: BuildIdentity): string[] {
  const shaTag = commitShaTag(commit);
  if (version === undefined || version === null) {
    return [shaTag];
  }
  return [parseReleaseVersion(version).tag, shaTag];
}

export function commitShaTag(commit: string): string {
  return `sha-${parseCommitSha(commit)}`;
}
