import { parseCommitSha, parseReleaseVersion } from '@slipway/versioning';
import type { SemanticReleaseResult } from './semantic-release-types';

/** What the next pipeline step needs to know about this run. */
export interface ReleaseOutcome {
  readonly published: boolean;
  /** `1.2.0` when published, else null. */
  readonly version: string | null;
  /** `v1.2.0` when published, else null; the image's release tag. */
  readonly gitTag: string | null;
  /** Full SHA of the commit this run looked at; the image's `sha-<commit>` tag. */
  readonly commit: string;
}

export class ReleaseOutcomeError extends Error {
  override readonly name = 'ReleaseOutcomeError';
}

/**
 * Maps semantic-release's answer to the outcome. A dry run publishes nothing, whatever it computed.
 * The tag is checked against the deploy rule so a changed tagFormat cannot produce an undeployable version.
 */
export function toReleaseOutcome(
  result: SemanticReleaseResult,
  run: { head: string; dryRun: boolean },
): ReleaseOutcome {
  const head = parseCommitSha(run.head);
  if (result === false || run.dryRun) {
    return { published: false, version: null, gitTag: null, commit: head };
  }
  const { version, gitTag, gitHead } = result.nextRelease;
  const tag = parseReleaseVersion(gitTag).tag;
  if (tag !== `v${version}`) {
    throw new ReleaseOutcomeError(
      `released tag ${tag} does not match version ${version}: release.config.js tagFormat must be v\${version}`,
    );
  }
  return { published: true, version, gitTag: tag, commit: parseCommitSha(gitHead) };
}
