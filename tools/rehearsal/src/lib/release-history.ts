import type { ImageSource } from '@slipway/deploy-provider-local';
import { LABEL_REVISION } from '@slipway/image-registry';
import { commitShaTag, isReleaseVersion } from '@slipway/versioning';

/** The image of one commit in the registry, if it was published. */
export interface CommitImage {
  readonly tag: string;
  readonly digest: string;
  /** What the image's org.opencontainers.image.revision label says it was built from. */
  readonly revision?: string;
}

/**
 * What earlier rehearsals released: the registry's vX.Y.Z tags, each with the commit its image was
 * built from (publish-image refuses to tag an image whose labels disagree, so the label is the truth).
 */
export class ReleaseHistory {
  constructor(private readonly source: ImageSource) {}

  /** Release tag → full commit. Tags whose image names no commit are left out. */
  async releases(): Promise<Map<string, string>> {
    const releases = new Map<string, string>();
    for (const tag of (await this.source.listTags()).filter((t) => isReleaseVersion(t)).sort()) {
      const digest = await this.source.resolveTag(tag);
      if (!digest) continue;
      const revision = (await this.source.readLabels(digest))[LABEL_REVISION];
      if (revision && /^[0-9a-f]{40}$/.test(revision)) releases.set(tag, revision);
    }
    return releases;
  }

  async commitImage(commit: string): Promise<CommitImage | undefined> {
    const tag = commitShaTag(commit);
    const digest = await this.source.resolveTag(tag);
    if (!digest) return undefined;
    return { tag, digest, revision: (await this.source.readLabels(digest))[LABEL_REVISION] };
  }
}

/**
 * The releases of several services, one stream: a vX.Y.Z names one commit in every repository that has
 * it (each service's image of a release is built from the release commit). Pure.
 */
export function mergeReleases(byService: ReadonlyMap<string, ReadonlyMap<string, string>>): {
  readonly releases: Map<string, string>;
  readonly conflict?: string;
} {
  const releases = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const [service, serviceReleases] of byService)
    for (const [tag, commit] of serviceReleases) {
      const known = releases.get(tag);
      if (known && known !== commit)
        return {
          releases,
          conflict: `${tag} of ${owner.get(tag)} was built from ${known.slice(0, 12)} but ${tag} of ${service} from ${commit.slice(0, 12)}: one release is one commit for every service`,
        };
      releases.set(tag, commit);
      owner.set(tag, service);
    }
  return { releases };
}
