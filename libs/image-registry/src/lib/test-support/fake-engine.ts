import type { LocalEngine, LocalImage } from '../docker-cli';
import type { Credentials } from '../registry-client';
import type { FakeRegistry } from './fake-registry';

/**
 * A local engine whose `push` stores the image in a FakeRegistry. Like Docker, pushing the same image
 * again yields the same digest, and the engine remembers the digest in RepoDigests.
 */
export class FakeEngine implements LocalEngine {
  readonly pushes: { ref: string; target: string; credentials?: Credentials }[] = [];
  private readonly images = new Map<string, { labels: Record<string, string>; repoDigests: string[] }>();

  constructor(private readonly registry: FakeRegistry) {}

  /** A "build": the labels make the bytes, so different labels mean a different digest. */
  build(ref: string, labels: Record<string, string>): void {
    this.images.set(ref, { labels, repoDigests: [] });
  }

  async inspect(ref: string): Promise<LocalImage | undefined> {
    const image = this.images.get(ref);
    return image && { ref, id: `id-${ref}`, repoDigests: [...image.repoDigests], labels: image.labels };
  }

  async push(ref: string, target: string, credentials?: Credentials): Promise<string> {
    this.pushes.push({ ref, target, credentials });
    const image = this.images.get(ref)!;
    const [, repository, tag] = /^[^/]+\/(.+):([^:]+)$/.exec(target)!;
    const digest = this.registry.seedImage(repository, tag, image.labels);
    image.repoDigests.push(`${target.slice(0, target.lastIndexOf(':'))}@${digest}`);
    return digest;
  }
}
