import { createHash } from 'node:crypto';
import { registryFailure } from './errors';
import { isIndexType } from './media-types';

/** A manifest exactly as the registry stores it: copying these bytes under another tag keeps the digest. */
export interface StoredManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string };
}

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function parse(manifest: StoredManifest): { config?: Descriptor; manifests?: Descriptor[] } {
  try {
    return JSON.parse(manifest.bytes.toString('utf8'));
  } catch (error) {
    throw registryFailure(`manifest ${manifest.digest} is not JSON`, error);
  }
}

/** The media type from the response, or from the body when the registry sends a generic Content-Type. */
export function manifestMediaType(contentType: string | null, bytes: Buffer): string {
  const fromHeader = contentType?.split(';')[0].trim();
  if (fromHeader && fromHeader.startsWith('application/vnd.')) return fromHeader;
  try {
    const mediaType = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
    if (typeof mediaType === 'string') return mediaType;
  } catch {
    // fall through: the caller reports the unusable manifest with its context
  }
  return fromHeader ?? 'application/octet-stream';
}

export function configDigestOf(manifest: StoredManifest): string {
  const digest = parse(manifest).config?.digest;
  if (isIndexType(manifest.mediaType) || typeof digest !== 'string') {
    throw registryFailure(`manifest ${manifest.digest} (${manifest.mediaType}) has no image config`);
  }
  return digest;
}

/** For a multi-platform index: the image the api runs on (linux/amd64 unless told otherwise). */
export function platformManifestDigest(index: StoredManifest, os = 'linux', architecture = 'amd64'): string {
  const entries = parse(index).manifests ?? [];
  const match = entries.find((m) => m.platform?.os === os && m.platform?.architecture === architecture);
  if (!match?.digest) {
    const offered = entries.map((m) => `${m.platform?.os ?? '?'}/${m.platform?.architecture ?? '?'}`).join(', ');
    throw registryFailure(`index ${index.digest} has no ${os}/${architecture} image (it has: ${offered || 'none'})`);
  }
  return match.digest;
}
