import { PublishError } from './errors';
import { sha256Digest } from './manifest';
import { DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX, OCI_MANIFEST } from './media-types';
import { RegistryClient, type RegistryClientOptions } from './registry-client';
import { FakeRegistry } from './test-support/fake-registry';

const REPO = 'slipway/api';
const LABELS = { 'org.opencontainers.image.revision': 'a'.repeat(40) };

describe('RegistryClient', () => {
  let registry: FakeRegistry;
  const client = (options: Partial<RegistryClientOptions> = {}) =>
    new RegistryClient({ registry: registry.host, repository: REPO, ...options });

  beforeEach(async () => {
    registry = await new FakeRegistry().start();
  });
  afterEach(() => registry.stop());

  describe('resolveTag', () => {
    it('returns the digest of an existing tag and asks for every current manifest type', async () => {
      const digest = registry.seedImage(REPO, 'v1.2.0', LABELS);
      await expect(client().resolveTag('v1.2.0')).resolves.toBe(digest);
      const accept = registry.requests.at(-1)!.accept!;
      for (const type of [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST])
        expect(accept).toContain(type);
    });

    it('returns undefined for a missing tag or repository', async () => {
      await expect(client().resolveTag('v9.9.9')).resolves.toBeUndefined();
    });

    it('hashes the manifest itself when HEAD carries no digest header', async () => {
      const digest = registry.seedImage(REPO, 'sha-1234567', LABELS);
      registry.omitDigestOnHead = true;
      await expect(client().resolveTag('sha-1234567')).resolves.toBe(digest);
      expect(registry.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
    });
  });

  describe('manifests', () => {
    it('copies a manifest under a new tag registry-side with the same digest', async () => {
      const digest = registry.seedImage(REPO, 'sha-1234567', LABELS);
      const manifest = (await client().getManifest(digest))!;
      expect(manifest.mediaType).toBe(DOCKER_MANIFEST);
      await expect(client().putManifest('v1.2.0', manifest)).resolves.toBe(digest);
      expect(registry.tagsOf(REPO).get('v1.2.0')).toBe(digest);
    });

    it('returns undefined for an unknown manifest', async () => {
      await expect(client().getManifest('nope')).resolves.toBeUndefined();
    });

    it('refuses a manifest whose bytes do not match the digest it was asked for', async () => {
      const body = Buffer.from('{"schemaVersion":2}');
      const fetchStub = jest.fn(
        async () => new Response(body, { status: 200, headers: { 'content-type': DOCKER_MANIFEST } }),
      );
      const wrong = sha256Digest('something else');
      await expect(client({ fetch: fetchStub as typeof fetch }).getManifest(wrong)).rejects.toThrow(
        /hash to sha256:.*not sha256:/,
      );
    });

    it('refuses a registry that stores a copy under another digest', async () => {
      const fetchStub = jest.fn(
        async () => new Response(null, { status: 201, headers: { 'docker-content-digest': sha256Digest('x') } }),
      );
      const manifest = { digest: sha256Digest('y'), mediaType: DOCKER_MANIFEST, bytes: Buffer.from('y') };
      await expect(client({ fetch: fetchStub as typeof fetch }).putManifest('v1.0.0', manifest)).rejects.toThrow(
        /was stored as/,
      );
    });

    it('takes the media type from the body when the registry sends a generic content type', async () => {
      const body = Buffer.from(JSON.stringify({ mediaType: OCI_MANIFEST, schemaVersion: 2 }));
      const fetchStub = jest.fn(
        async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
      );
      const manifest = await client({ fetch: fetchStub as typeof fetch }).getManifest('v1.0.0');
      expect(manifest).toMatchObject({ mediaType: OCI_MANIFEST, digest: sha256Digest(body) });
    });
  });

  describe('listTags', () => {
    it('follows pagination to the last page', async () => {
      for (const tag of ['sha-aaaaaaa', 'v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0']) registry.seedImage(REPO, tag, LABELS);
      await expect(client().listTags()).resolves.toEqual(['sha-aaaaaaa', 'v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0']);
      expect(registry.requests.filter((r) => r.path.endsWith('/tags/list'))).toHaveLength(3);
    });

    it('lists nothing for a repository that does not exist yet', async () => {
      await expect(client().listTags()).resolves.toEqual([]);
    });
  });

  describe('readLabels', () => {
    it('reads the labels from the image config', async () => {
      const digest = registry.seedImage(REPO, 'sha-1234567', LABELS);
      await expect(client().readLabels(digest)).resolves.toEqual(LABELS);
    });

    it('reads the linux/amd64 image of a multi-platform index', async () => {
      const arm = registry.seedImage(REPO, undefined, { which: 'arm' });
      const amd = registry.seedImage(REPO, undefined, { which: 'amd' });
      const index = registry.seedIndex(REPO, 'sha-1234567', [
        { digest: arm, os: 'linux', architecture: 'arm64' },
        { digest: amd, os: 'linux', architecture: 'amd64' },
      ]);
      await expect(client().readLabels(index)).resolves.toEqual({ which: 'amd' });
    });

    it('names the platforms an index offers when linux/amd64 is missing', async () => {
      const arm = registry.seedImage(REPO, undefined, {});
      const index = registry.seedIndex(REPO, 'x', [{ digest: arm, os: 'linux', architecture: 'arm64' }]);
      await expect(client().readLabels(index)).rejects.toThrow('has no linux/amd64 image (it has: linux/arm64)');
    });

    it('fails for a digest the registry does not hold', async () => {
      await expect(client().readLabels(sha256Digest('nothing'))).rejects.toThrow(/is not in the registry/);
    });
  });

  describe('auth', () => {
    it('answers a Basic challenge (ECR) with the credentials', async () => {
      registry.auth = { kind: 'basic', username: 'AWS', password: 'secret' };
      const digest = registry.seedImage(REPO, 'v1.0.0', LABELS);
      const c = client({ credentials: { username: 'AWS', password: 'secret' } });
      await expect(c.resolveTag('v1.0.0')).resolves.toBe(digest);
      await expect(c.resolveTag('v1.0.0')).resolves.toBe(digest);
      expect(registry.requests.map((r) => r.authorization === undefined)).toEqual([true, false, false]);
    });

    it('tells how to log in when credentials are needed but missing', async () => {
      registry.auth = { kind: 'basic', username: 'AWS', password: 'secret' };
      await expect(client().resolveTag('v1.0.0')).rejects.toThrow(/requires credentials: run `docker login/);
    });

    it('reports refused credentials with a hint', async () => {
      registry.auth = { kind: 'basic', username: 'AWS', password: 'secret' };
      const error = await client({ credentials: { username: 'AWS', password: 'wrong' } })
        .resolveTag('v1.0.0')
        .catch((e: PublishError) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).kind).toBe('registry');
      expect((error as PublishError).message).toMatch(
        /HTTP 401 \(check the credentials for 127.0.0.1:\d+: docker login/,
      );
    });

    it('fetches a pull token, then a push token for writes (Bearer)', async () => {
      registry.auth = { kind: 'bearer', username: 'ci', password: 'pw' };
      const digest = registry.seedImage(REPO, 'sha-1234567', LABELS);
      const c = client({ credentials: { username: 'ci', password: 'pw' } });
      const manifest = (await c.getManifest('sha-1234567'))!;
      await expect(c.putManifest('v1.0.0', manifest)).resolves.toBe(digest);
      const tokenScopes = registry.requests.filter((r) => r.path === '/token').length;
      expect(tokenScopes).toBe(2);
      expect(registry.requests.filter((r) => r.method === 'PUT').at(-1)!.authorization).toBe('Bearer push-token');
    });

    it('reports a token service that refuses', async () => {
      registry.auth = { kind: 'bearer', username: 'ci', password: 'pw' };
      await expect(client({ credentials: { username: 'ci', password: 'bad' } }).resolveTag('v1')).rejects.toThrow(
        /token service .* refused pull access .*HTTP 401/,
      );
    });
  });

  describe('failures', () => {
    it('includes the registry error code and message', async () => {
      registry.failNext('HEAD', 500);
      await expect(client().resolveTag('v1.0.0')).rejects.toThrow(
        /HEAD http:\/\/127\.0\.0\.1:\d+\/v2\/slipway\/api\/manifests\/v1\.0\.0 failed: HTTP 500/,
      );
      registry.failNext('GET', 503);
      await expect(client().listTags()).rejects.toThrow('HTTP 503 INJECTED: injected 503');
    });

    it('says which address could not be reached', async () => {
      const address = registry.host;
      await registry.stop();
      await expect(new RegistryClient({ registry: address, repository: REPO }).resolveTag('v1')).rejects.toThrow(
        `cannot reach the registry at http://${address}/v2/slipway/api/manifests/v1`,
      );
      registry = await new FakeRegistry().start();
    });

    it('refuses a blob whose bytes do not match its digest', async () => {
      const fetchStub = jest.fn(async () => new Response('tampered', { status: 200 }));
      await expect(client({ fetch: fetchStub as typeof fetch }).getBlob(sha256Digest('original'))).rejects.toThrow(
        /does not match its digest/,
      );
    });
  });

  it('names the image as registry/repository', () => {
    expect(client().imageName).toBe(`${registry.host}/${REPO}`);
  });
});
