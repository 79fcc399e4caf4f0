import { configDigestOf, manifestMediaType, platformManifestDigest, sha256Digest } from './manifest';
import { DOCKER_MANIFEST, OCI_INDEX } from './media-types';

const stored = (body: unknown, mediaType: string) => {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { bytes, mediaType, digest: sha256Digest(bytes) };
};

describe('manifest helpers', () => {
  it('hashes bytes as a sha256 digest', () => {
    expect(sha256Digest('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('finds the config of an image manifest and refuses an index', () => {
    expect(configDigestOf(stored({ config: { digest: 'sha256:c' } }, DOCKER_MANIFEST))).toBe('sha256:c');
    expect(() => configDigestOf(stored({ manifests: [] }, OCI_INDEX))).toThrow(/has no image config/);
    expect(() => configDigestOf(stored('not json', DOCKER_MANIFEST))).toThrow(/is not JSON/);
  });

  it('says so when an index lists no platforms at all', () => {
    expect(() => platformManifestDigest(stored({}, OCI_INDEX))).toThrow('(it has: none)');
  });

  it('prefers a specific Content-Type, else the body, else what was sent', () => {
    expect(manifestMediaType(`${DOCKER_MANIFEST}; charset=utf-8`, Buffer.from('{}'))).toBe(DOCKER_MANIFEST);
    expect(manifestMediaType('application/json', Buffer.from(JSON.stringify({ mediaType: OCI_INDEX })))).toBe(
      OCI_INDEX,
    );
    expect(manifestMediaType('application/json', Buffer.from('garbage'))).toBe('application/json');
    expect(manifestMediaType(null, Buffer.from('{}'))).toBe('application/octet-stream');
  });
});
