import type { ImageSource } from '../registry-images';

/** A registry in memory: tags → digests, digests → OCI labels. `unreachable` makes every call fail like fetch does. */
export class MemoryImageSource implements ImageSource {
  readonly tags = new Map<string, string>();
  readonly labels = new Map<string, Record<string, string>>();
  unreachable?: Error;

  publish(digest: string, tags: readonly string[], labels: Record<string, string> = {}): void {
    for (const tag of tags) this.tags.set(tag, digest);
    this.labels.set(digest, labels);
  }

  async resolveTag(tag: string): Promise<string | undefined> {
    this.check();
    return this.tags.get(tag);
  }

  async readLabels(digest: string): Promise<Record<string, string>> {
    this.check();
    return this.labels.get(digest) ?? {};
  }

  async listTags(): Promise<string[]> {
    this.check();
    return [...this.tags.keys()];
  }

  private check(): void {
    if (this.unreachable) throw this.unreachable;
  }
}
