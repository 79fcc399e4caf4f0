import { type ImageResolution, ProviderError, type ProviderErrorKind } from '@slipway/deploy-engine';
import { type Credentials, LABEL_REVISION, RegistryClient, resolveCredentials } from '@slipway/image-registry';
import { isCommitSha } from '@slipway/versioning';
import type { ImageRepository } from './image-repository';

/** The registry calls image resolution needs; RegistryClient implements them over the OCI distribution API. */
export interface RegistryReader {
  resolveTag(tag: string): Promise<string | undefined>;
  readLabels(digest: string): Promise<Record<string, string>>;
  listTags(): Promise<string[]>;
}

export type RegistryReaderFactory = (repository: ImageRepository) => Promise<RegistryReader>;

/**
 * Credentials as `publish-image` finds them: `docker login` (DOCKER_CONFIG) first, then for ECR
 * hosts an authorization token from the AWS SDK chain, else anonymous (a local registry).
 */
export function defaultRegistryReader(env: Readonly<Record<string, string | undefined>>): RegistryReaderFactory {
  return async (repository) => {
    const resolved = await resolveCredentials(repository.registry, 'auto', {
      dockerConfig: { env: env as NodeJS.ProcessEnv },
    });
    const credentials: Credentials | undefined = resolved.credentials;
    return new RegistryClient({ registry: repository.registry, repository: repository.path, credentials });
  };
}

/**
 * Tag → digest in any OCI registry (ECR, GHCR, Harbor, distribution). The commit comes from the
 * image's `org.opencontainers.image.revision` label, which every Slipway image carries.
 */
export class OciImages {
  private reader?: Promise<RegistryReader>;

  constructor(
    private readonly repository: ImageRepository,
    private readonly connect: RegistryReaderFactory,
  ) {}

  async resolve(version: string): Promise<ImageResolution> {
    const reader = await this.registry();
    const digest = await registryCall('resolve tag', () => reader.resolveTag(version));
    if (!digest)
      return {
        found: false,
        repository: this.repository.name,
        existingTags: await registryCall('list tags', () => reader.listTags()),
      };
    // The label only adds the commit to the report; an image without it still deploys.
    const labels = await reader.readLabels(digest).catch(() => ({}) as Record<string, string>);
    const revision = labels[LABEL_REVISION]?.toLowerCase();
    return {
      found: true,
      image: {
        version,
        repository: this.repository.name,
        digest,
        reference: `${this.repository.name}@${digest}`,
        tags: [version],
        commit: revision && isCommitSha(revision) ? revision : undefined,
      },
    };
  }

  private registry(): Promise<RegistryReader> {
    this.reader ??= registryCall('registry credentials', () => this.connect(this.repository));
    this.reader.catch(() => (this.reader = undefined));
    return this.reader;
  }
}

/** image-registry failures name the HTTP status or the connection problem; map them to the engine's kinds. */
export function classifyRegistryError(message: string): ProviderErrorKind {
  if (/HTTP 429|toomanyrequests/i.test(message)) return 'throttled';
  if (/HTTP 40[13]|requires credentials|refused .* access|credentials/i.test(message)) return 'access-denied';
  if (/cannot reach|HTTP 5\d\d|timed? ?out/i.test(message)) return 'unavailable';
  return 'unknown';
}

async function registryCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const message = (error as Error).message ?? String(error);
    throw new ProviderError(classifyRegistryError(message), message, `registry: ${operation}`, error);
  }
}
