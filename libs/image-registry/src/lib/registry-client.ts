import { parseAuthChallenge } from './auth-challenge';
import { registryFailure } from './errors';
import { registryBaseUrl } from './image-reference';
import {
  configDigestOf,
  manifestMediaType,
  platformManifestDigest,
  sha256Digest,
  type StoredManifest,
} from './manifest';
import { MANIFEST_ACCEPT, isIndexType } from './media-types';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface RegistryClientOptions {
  readonly registry: string;
  readonly repository: string;
  readonly credentials?: Credentials;
  /** Force HTTP for a non-loopback registry (loopback is HTTP already, as with Docker). */
  readonly plainHttp?: boolean;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

type Access = 'pull' | 'push';

interface RequestOptions {
  readonly access: Access;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Statuses the caller handles itself instead of failing. */
  readonly accept?: readonly number[];
}

/**
 * The few calls of the OCI distribution API that publishing needs, over plain fetch:
 * resolve a tag, read a manifest or blob, write a manifest under a tag (a registry-side copy), list tags.
 * Handles both auth schemes registries use: Basic (ECR) and Bearer tokens (distribution, Docker Hub, GHCR, Harbor).
 */
export class RegistryClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly authorization = new Map<Access, string>();

  constructor(private readonly options: RegistryClientOptions) {
    this.base = registryBaseUrl(options.registry, options.plainHttp);
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  get imageName(): string {
    return `${this.options.registry}/${this.options.repository}`;
  }

  /** The digest a tag points at, or undefined when the tag (or the repository) does not exist. */
  async resolveTag(tag: string): Promise<string | undefined> {
    const response = await this.request('HEAD', this.manifestPath(tag), {
      access: 'pull',
      headers: { accept: MANIFEST_ACCEPT },
      accept: [404],
    });
    if (response.status === 404) return undefined;
    return response.headers.get('docker-content-digest') ?? (await this.getManifest(tag))?.digest;
  }

  async getManifest(reference: string): Promise<StoredManifest | undefined> {
    const response = await this.request('GET', this.manifestPath(reference), {
      access: 'pull',
      headers: { accept: MANIFEST_ACCEPT },
      accept: [404],
    });
    if (response.status === 404) return undefined;
    const bytes = Buffer.from(await response.arrayBuffer());
    const computed = sha256Digest(bytes);
    const claimed = reference.startsWith('sha256:') ? reference : response.headers.get('docker-content-digest');
    if (claimed && claimed.startsWith('sha256:') && claimed !== computed) {
      throw registryFailure(`${this.imageName}@${reference}: the manifest's bytes hash to ${computed}, not ${claimed}`);
    }
    return {
      digest: claimed ?? computed,
      mediaType: manifestMediaType(response.headers.get('content-type'), bytes),
      bytes,
    };
  }

  /** Writes the exact bytes under a tag. Same bytes, same digest: this is how a tag is copied registry-side. */
  async putManifest(tag: string, manifest: StoredManifest): Promise<string> {
    const response = await this.request('PUT', this.manifestPath(tag), {
      access: 'push',
      headers: { 'content-type': manifest.mediaType },
      body: manifest.bytes,
    });
    const digest = response.headers.get('docker-content-digest') ?? manifest.digest;
    if (digest !== manifest.digest) {
      throw registryFailure(`${this.imageName}:${tag} was stored as ${digest}, expected ${manifest.digest}`);
    }
    return digest;
  }

  async getBlob(digest: string): Promise<Buffer> {
    const response = await this.request('GET', `/v2/${this.options.repository}/blobs/${digest}`, { access: 'pull' });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (digest.startsWith('sha256:') && sha256Digest(bytes) !== digest) {
      throw registryFailure(`${this.imageName}: blob ${digest} does not match its digest`);
    }
    return bytes;
  }

  /** OCI labels of the image a digest names (for an index: its linux/amd64 image). */
  async readLabels(digest: string): Promise<Record<string, string>> {
    let manifest = await this.getManifest(digest);
    if (manifest && isIndexType(manifest.mediaType))
      manifest = await this.getManifest(platformManifestDigest(manifest));
    if (!manifest) throw registryFailure(`${this.imageName}@${digest} is not in the registry`);
    const config = JSON.parse((await this.getBlob(configDigestOf(manifest))).toString('utf8')) as {
      config?: { Labels?: Record<string, string> | null };
    };
    return config.config?.Labels ?? {};
  }

  /** Every tag of the repository, following the registry's pagination; none when the repository is unknown. */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${this.options.repository}/tags/list?n=1000`;
    while (path) {
      const response = await this.request('GET', path, { access: 'pull', accept: [404] });
      if (response.status === 404) return tags;
      const page = (await response.json()) as { tags?: string[] | null };
      tags.push(...(page.tags ?? []));
      path = nextPage(response.headers.get('link'));
    }
    return tags;
  }

  private manifestPath(reference: string): string {
    return `/v2/${this.options.repository}/manifests/${reference}`;
  }

  private async request(method: string, path: string, options: RequestOptions): Promise<Response> {
    let response = await this.send(method, path, options);
    if (response.status === 401) {
      await this.authenticate(response, options.access);
      response = await this.send(method, path, options);
    }
    if (response.ok || options.accept?.includes(response.status)) return response;
    throw registryFailure(`${method} ${this.base}${path} failed: ${await describeFailure(response, this.options)}`);
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const authorization = this.authorization.get(options.access);
    const url = `${this.base}${path}`;
    try {
      return await this.fetch(url, {
        method,
        headers: { ...options.headers, ...(authorization ? { authorization } : {}) },
        body: options.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw registryFailure(`cannot reach the registry at ${url}: ${(error as Error).message}`, error);
    }
  }

  private async authenticate(response: Response, access: Access): Promise<void> {
    const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
    const credentials = this.options.credentials;
    if (challenge?.scheme === 'basic') {
      if (!credentials) throw this.needsCredentials();
      const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      this.authorization.set('pull', basic).set('push', basic);
      return;
    }
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.authorization.set(access, `Bearer ${await this.fetchToken(challenge.params, access)}`);
      return;
    }
    throw this.needsCredentials();
  }

  private async fetchToken(params: Readonly<Record<string, string>>, access: Access): Promise<string> {
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', `repository:${this.options.repository}:${access === 'push' ? 'pull,push' : 'pull'}`);
    const credentials = this.options.credentials;
    const headers: Record<string, string> = credentials
      ? { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` }
      : {};
    let response: Response;
    try {
      response = await this.fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (error) {
      throw registryFailure(`cannot reach the token service ${url.origin}: ${(error as Error).message}`, error);
    }
    if (!response.ok) {
      throw registryFailure(
        `the token service ${url.origin} refused ${access} access to ${this.imageName}: HTTP ${response.status}`,
      );
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw registryFailure(`the token service ${url.origin} answered without a token`);
    return token;
  }

  private needsCredentials() {
    return registryFailure(
      `${this.options.registry} requires credentials${this.options.credentials ? ' and refused the ones given' : ''}: ` +
        `run \`docker login ${this.options.registry}\`, or for ECR provide AWS credentials allowed to call ecr:GetAuthorizationToken`,
    );
  }
}

function nextPage(link: string | null): string | undefined {
  const match = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  if (!match) return undefined;
  const url = new URL(match[1], 'http://registry.invalid');
  return `${url.pathname}${url.search}`;
}

async function describeFailure(response: Response, options: RegistryClientOptions): Promise<string> {
  let detail = '';
  try {
    const body = (await response.json()) as { errors?: { code?: string; message?: string }[] };
    detail = (body.errors ?? []).map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`.trim()).join('; ');
  } catch {
    // not a distribution error body; the status says enough
  }
  const hint =
    response.status === 401 || response.status === 403
      ? ` (check the credentials for ${options.registry}: docker login, or AWS credentials for ECR)`
      : '';
  return `HTTP ${response.status}${detail ? ` ${detail}` : ''}${hint}`;
}
