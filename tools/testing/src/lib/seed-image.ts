import { createHash } from 'node:crypto';

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';

export interface SeededImage {
  readonly digest: string;
  readonly manifest: Buffer;
}

/**
 * Pushes a tiny image straight through the distribution API (no engine): a config blob carrying `labels`
 * and a manifest without layers. Different labels make different bytes, so tests get "another build" cheaply.
 */
export async function seedImage(
  address: string,
  repository: string,
  tag: string,
  labels: Record<string, string>,
): Promise<SeededImage> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: labels },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  const configDigest = await uploadBlob(address, repository, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: DOCKER_CONFIG, size: config.length, digest: configDigest },
      layers: [],
    }),
  );
  const response = await fetch(`http://${address}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': DOCKER_MANIFEST },
    body: manifest,
  });
  if (response.status !== 201)
    throw new Error(`PUT manifest ${repository}:${tag} answered ${response.status}: ${await response.text()}`);
  return { digest: sha256(manifest), manifest };
}

async function uploadBlob(address: string, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`http://${address}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = start.headers.get('location');
  if (start.status !== 202 || !location)
    throw new Error(`starting a blob upload to ${repository} answered ${start.status}`);
  const url = new URL(location, `http://${address}`);
  url.searchParams.set('digest', digest);
  const done = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (done.status !== 201)
    throw new Error(`finishing a blob upload to ${repository} answered ${done.status}: ${await done.text()}`);
  return digest;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
