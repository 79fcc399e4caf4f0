import { createHash } from 'node:crypto';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

export interface RegistryAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

/** The commit the simulator's image of a version was "built" from (its revision label). */
export function commitOf(tag: string): string {
  return createHash('sha1').update(`slipway-sim:${tag}`).digest('hex');
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * The part of the OCI distribution API that digest resolution reads (HEAD/GET manifests, GET blobs,
 * tags/list), anonymous, on the simulator's own port. The real registry (CNCF distribution) is
 * exercised by the image-registry tests; this one exists so executor tests need no Docker.
 */
export class FakeOciRegistry {
  private readonly tags = new Map<string, Map<string, string>>();
  private readonly manifests = new Map<string, Buffer>();
  private readonly blobs = new Map<string, Buffer>();

  /** An image whose config carries the OCI revision and version labels, as `publish-image` requires. */
  push(repository: string, tag: string): string {
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: {
          Labels: { 'org.opencontainers.image.revision': commitOf(tag), 'org.opencontainers.image.version': tag },
        },
      }),
    );
    const configDigest = sha256(config);
    this.blobs.set(configDigest, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
        layers: [],
      }),
    );
    const digest = sha256(manifest);
    this.manifests.set(digest, manifest);
    const tags = this.tags.get(repository) ?? new Map<string, string>();
    tags.set(tag, digest);
    this.tags.set(repository, tags);
    return digest;
  }

  digestOf(repository: string, tag: string): string | undefined {
    return this.tags.get(repository)?.get(tag);
  }

  /** The tag a digest was pushed under (the first one), for looking up how its pods behave. */
  tagOf(digest: string): string | undefined {
    for (const tags of this.tags.values()) for (const [tag, d] of tags) if (d === digest) return tag;
    return undefined;
  }

  handle(method: string, path: string): RegistryAnswer {
    if (path === '/v2/' || path === '/v2')
      return { status: 200, headers: { 'docker-distribution-api-version': 'registry/2.0' }, body: Buffer.from('{}') };
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
    if (manifest && (method === 'GET' || method === 'HEAD')) {
      const [, repository, reference] = manifest;
      const digest = reference.startsWith('sha256:') ? reference : this.digestOf(repository, reference);
      const bytes = digest ? this.manifests.get(digest) : undefined;
      if (!digest || !bytes)
        return errorAnswer(404, 'MANIFEST_UNKNOWN', `manifest unknown: ${repository}:${reference}`);
      const headers = {
        'content-type': OCI_MANIFEST,
        'docker-content-digest': digest,
        'content-length': String(bytes.length),
      };
      return { status: 200, headers, body: method === 'HEAD' ? undefined : bytes };
    }
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path);
    if (blob && method === 'GET') {
      const bytes = this.blobs.get(blob[2]);
      return bytes
        ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bytes }
        : errorAnswer(404, 'BLOB_UNKNOWN', 'blob unknown');
    }
    const tagsList = /^\/v2\/(.+)\/tags\/list$/.exec(path.split('?')[0]);
    if (tagsList && method === 'GET') {
      const tags = this.tags.get(tagsList[1]);
      if (!tags) return errorAnswer(404, 'NAME_UNKNOWN', `repository name not known to registry: ${tagsList[1]}`);
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ name: tagsList[1], tags: [...tags.keys()] })),
      };
    }
    return errorAnswer(404, 'NOT_FOUND', `no route for ${method} ${path}`);
  }
}

function errorAnswer(status: number, code: string, message: string): RegistryAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ errors: [{ code, message }] })),
  };
}
