import { type ImageResolution, ProviderError, type ResolvedImage } from '@slipway/deploy-engine';
import { LABEL_REVISION, PublishError, RegistryClient } from '@slipway/image-registry';
import { commitShaTag, isCommitSha } from '@slipway/versioning';

/** What the provider needs from the registry (tests pass an in-memory one). */
export interface ImageSource {
  /** The digest a tag names, or undefined when the tag or the repository does not exist. */
  resolveTag(tag: string): Promise<string | undefined>;
  readLabels(digest: string): Promise<Record<string, string>>;
  listTags(): Promise<string[]>;
}

/**
 * Release tag → digest in an OCI registry (the local one on 127.0.0.1, or any other). The commit
 * comes from the image's own `org.opencontainers.image.revision` label (publish-image refuses to tag
 * an image whose labels disagree), and `sha-<commit>` is listed when it names the same digest.
 */
export class RegistryImages {
  constructor(
    private readonly source: ImageSource,
    private readonly registry: string,
    private readonly repository: string,
  ) {}

  static for(registry: string, repository: string): RegistryImages {
    return new RegistryImages(new RegistryClient({ registry, repository, timeoutMs: 15_000 }), registry, repository);
  }

  get imageName(): string {
    return `${this.registry}/${this.repository}`;
  }

  async resolve(version: string): Promise<ImageResolution> {
    const digest = await this.call(() => this.source.resolveTag(version));
    if (!digest) {
      return { found: false, repository: this.imageName, existingTags: await this.call(() => this.source.listTags()) };
    }
    const labels = await this.call(() => this.source.readLabels(digest));
    const revision = labels[LABEL_REVISION];
    const commit = isCommitSha(revision) ? revision : undefined;
    const tags = [version];
    if (commit && (await this.call(() => this.source.resolveTag(commitShaTag(commit)))) === digest)
      tags.push(commitShaTag(commit));
    return { found: true, image: this.toResolved(version, digest, tags, commit) };
  }

  private toResolved(version: string, digest: string, tags: string[], commit: string | undefined): ResolvedImage {
    return { version, repository: this.imageName, digest, reference: `${this.imageName}@${digest}`, tags, commit };
  }

  private async call<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof PublishError) {
        const unreachable = /cannot reach/.test(error.message);
        const hint = unreachable
          ? '; start it with `eval "$(tools/ci/container-env.sh start)"`, or set "registry" in the deploy config'
          : '';
        throw new ProviderError(unreachable ? 'unavailable' : 'unknown', `${error.message}${hint}`, 'registry', error);
      }
      throw error;
    }
  }
}
