import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyRegistryError, defaultRegistryReader, OciImages } from './oci-images';
import { splitImageRepository, type ImageRepository } from './image-repository';

describe('image resolution in an OCI registry', () => {
  const repository = { name: 'ghcr.io/acme/api', registry: 'ghcr.io', path: 'acme/api' };

  it('keeps a short or odd revision label out of the commit, and resolves without labels', async () => {
    const images = new OciImages(repository, async () => ({
      resolveTag: async () => 'sha256:abc',
      readLabels: async () => {
        throw new Error('no config blob');
      },
      listTags: async () => [],
    }));
    await expect(images.resolve('v1.0.0')).resolves.toEqual({
      found: true,
      image: {
        version: 'v1.0.0',
        repository: 'ghcr.io/acme/api',
        digest: 'sha256:abc',
        reference: 'ghcr.io/acme/api@sha256:abc',
        tags: ['v1.0.0'],
        commit: undefined,
      },
    });
  });

  it('turns registry failures into provider errors and connects again after one', async () => {
    let attempts = 0;
    const images = new OciImages(repository, async () => {
      attempts++;
      if (attempts === 1) throw new Error('ghcr.io requires credentials: run `docker login ghcr.io`');
      return {
        resolveTag: () => Promise.reject(new Error('GET https://ghcr.io/v2/x failed: HTTP 503')),
        readLabels: async () => ({}),
        listTags: async () => [],
      };
    });
    await expect(images.resolve('v1.0.0')).rejects.toMatchObject({
      kind: 'access-denied',
      operation: 'registry: registry credentials',
    });
    await expect(images.resolve('v1.0.0')).rejects.toMatchObject({
      kind: 'unavailable',
      operation: 'registry: resolve tag',
    });
    expect(attempts).toBe(2);
  });

  it('classifies registry messages', () => {
    expect(classifyRegistryError('HTTP 429 TOOMANYREQUESTS')).toBe('throttled');
    expect(classifyRegistryError('GET x failed: HTTP 401 (check the credentials)')).toBe('access-denied');
    expect(classifyRegistryError('cannot reach the registry at http://x')).toBe('unavailable');
    expect(classifyRegistryError('weird')).toBe('unknown');
  });

  describe('over HTTP with the image-registry client (anonymous, loopback)', () => {
    let server: Server;
    let repo: ImageRepository;
    const digest = `sha256:${'5'.repeat(64)}`;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.method === 'HEAD' && req.url === '/v2/slipway/api/manifests/v1.2.0') {
          res
            .writeHead(200, {
              'docker-content-digest': digest,
              'content-type': 'application/vnd.oci.image.manifest.v1+json',
            })
            .end();
        } else if (req.url?.startsWith('/v2/slipway/api/tags/list')) {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ name: 'slipway/api', tags: ['v1.1.0'] }));
        } else {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const parsed = splitImageRepository(`127.0.0.1:${(server.address() as AddressInfo).port}/slipway/api`);
      if (!parsed.ok) throw new Error(parsed.problem);
      repo = parsed;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('resolves a tag by its Docker-Content-Digest and lists tags when it is missing', async () => {
      const images = new OciImages(repo, defaultRegistryReader({ DOCKER_CONFIG: '/nonexistent' }));
      await expect(images.resolve('v1.2.0')).resolves.toMatchObject({
        found: true,
        image: { digest, reference: `${repo.name}@${digest}`, commit: undefined },
      });
      await expect(images.resolve('v1.3.0')).resolves.toEqual({
        found: false,
        repository: repo.name,
        existingTags: ['v1.1.0'],
      });
    });
  });
});
