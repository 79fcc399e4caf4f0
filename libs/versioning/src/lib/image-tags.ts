import { isCommitSha, parseCommitSha } from './commit-sha';
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

/** Prefix of the tag that names the commit an image was built from. */
export const COMMIT_SHA_TAG_PREFIX = 'sha-';

export function commitShaTag(commit: string): string {
  return `${COMMIT_SHA_TAG_PREFIX}${parseCommitSha(commit)}`;
}

/**
 * The commit named by the `sha-<commit>` tags among an image's tags, the inverse of `commitShaTag`.
 * Undefined when none names a full SHA (e.g. a legacy `sha-1a2b3c4`), and when two name different
 * commits: one image cannot come from two commits, so such tags are not trusted to name either.
 */
export function commitFromTags(tags: readonly string[]): string | undefined {
  const commits = new Set(
    tags
      .filter((tag) => tag.startsWith(COMMIT_SHA_TAG_PREFIX))
      .map((tag) => tag.slice(COMMIT_SHA_TAG_PREFIX.length))
      .filter(isCommitSha),
  );
  return commits.size === 1 ? [...commits][0] : undefined;
}
