import { EXIT, RehearsalError } from './exit-codes';

/** What `npm run release:next -- --json` prints (tools/repo-rules), as far as the rehearsal reads it. */
export interface ReleasePreview {
  readonly head: string;
  readonly lastRelease: string | null;
  readonly next: { readonly version: string; readonly gitTag: string; readonly type: string } | null;
  readonly commits: readonly { readonly sha: string; readonly header: string; readonly releaseType: string | null }[];
}

/** The version the rehearsal builds, publishes and deploys, and why — in words a reader can check. */
export interface VersionPlan {
  readonly kind: 'release' | 'already-released' | 'no-release';
  /** APP_VERSION baked into the image (/version, OCI label). */
  readonly imageVersion: string;
  /** vX.Y.Z added to the image's digest in the registry; none when no release is due (sha- tag only). */
  readonly publishVersion?: string;
  /** The release deployed to the local environment. */
  readonly deployVersion: string;
  readonly note: string;
}

/** Placeholder build.yml bakes into an image when no version was released (apps/api accepts it). */
export const DEV_VERSION = '0.0.0-dev';

/**
 * Pure: the semantic-release preview of HEAD (with the releases rehearsed earlier as its history) and
 * the releases the local registry holds → what to build, publish and deploy. Keeps the real semantics:
 * a release only when the commits call for one; otherwise the image gets only its sha- tag, as on main,
 * and the local environment gets the latest release.
 */
export function planVersion(
  preview: ReleasePreview,
  head: string,
  published: ReadonlyMap<string, string>,
): VersionPlan {
  const last = preview.lastRelease;
  let plan: VersionPlan;
  if (preview.next) {
    const version = preview.next.gitTag;
    plan = {
      kind: 'release',
      imageVersion: version,
      publishVersion: version,
      deployVersion: version,
      note: `${version}: the next release (${preview.next.type}) after ${last ?? 'none'}, as semantic-release would tag it on main (rehearsed: no git tag is created; the release lives in the local registry)`,
    };
  } else if (last && preview.commits.length === 0) {
    plan = {
      kind: 'already-released',
      imageVersion: last,
      publishVersion: last,
      deployVersion: last,
      note: `${last}: already released at this commit (by an earlier rehearsal or a git tag); re-publishing is a no-op`,
    };
  } else if (last) {
    if (!published.has(last)) {
      throw new RehearsalError(
        EXIT.notRehearsable,
        `no release is due (the ${preview.commits.length} commit(s) since ${last} are not feat, fix, perf or breaking), and ${last} itself is not in the local registry, so there is nothing to deploy. Commit a feat: or fix: change, or rehearse the commit of ${last} first.`,
      );
    }
    plan = {
      kind: 'no-release',
      imageVersion: DEV_VERSION,
      deployVersion: last,
      note: `no release is due: none of the ${preview.commits.length} commit(s) since ${last} is a feat, fix, perf or breaking change. As on main, the image is published as sha-<commit> only; the local environment gets the latest release, ${last}`,
    };
  } else {
    throw new RehearsalError(
      EXIT.notRehearsable,
      `nothing to deploy: there is no release yet and none is due (no feat, fix, perf or breaking commit in ${preview.commits.length} commit(s)). Commit a feat: or fix: change and run again.`,
    );
  }
  const owner = plan.publishVersion ? published.get(plan.publishVersion) : undefined;
  if (plan.publishVersion && owner && owner !== head) {
    throw new RehearsalError(
      EXIT.notRehearsable,
      `${plan.publishVersion} is already in the local registry, built from commit ${owner.slice(0, 12)}, which is not this history's ${plan.publishVersion} (release tags never move). ` +
        'Rehearse in another repository (--repository <name>), or start over with an empty local registry.',
    );
  }
  return plan;
}
