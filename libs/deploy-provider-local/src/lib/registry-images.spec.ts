import { ProviderError } from '@slipway/deploy-engine';
import { registryFailure } from '@slipway/image-registry';
import { RegistryImages } from './registry-images';
import { MemoryImageSource } from './test-support/memory-image-source';

const COMMIT = '1'.repeat(40);
const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('RegistryImages', () => {
  const source = new MemoryImageSource();
  source.publish(DIGEST, ['v1.0.0', `sha-${COMMIT}`], {
    'org.opencontainers.image.revision': COMMIT,
    'org.opencontainers.image.version': 'v1.0.0',
  });
  source.publish(`sha256:${'f'.repeat(64)}`, ['v0.9.0'], { 'org.opencontainers.image.revision': 'unknown' });
  const images = new RegistryImages(source, '127.0.0.1:5055', 'slipway/api');

  it('resolves a release tag to its digest, with the commit from the image label and the sha- tag on the same digest', async () => {
    expect(await images.resolve('v1.0.0')).toEqual({
      found: true,
      image: {
        version: 'v1.0.0',
        repository: '127.0.0.1:5055/slipway/api',
        digest: DIGEST,
        reference: `127.0.0.1:5055/slipway/api@${DIGEST}`,
        tags: ['v1.0.0', `sha-${COMMIT}`],
        commit: COMMIT,
      },
    });
  });

  it('leaves the commit out when the image does not name one', async () => {
    const resolved = await images.resolve('v0.9.0');
    expect(resolved).toMatchObject({ found: true, image: { tags: ['v0.9.0'], commit: undefined } });
  });

  it('lists the tags that exist when the version does not', async () => {
    expect(await images.resolve('v2.0.0')).toEqual({
      found: false,
      repository: '127.0.0.1:5055/slipway/api',
      existingTags: ['v1.0.0', `sha-${COMMIT}`, 'v0.9.0'],
    });
  });

  it('says how to start the registry when it cannot be reached', async () => {
    const down = new MemoryImageSource();
    down.unreachable = registryFailure(
      'cannot reach the registry at http://127.0.0.1:5055/v2/slipway/api/manifests/v1.0.0: fetch failed',
    );
    const error = await new RegistryImages(down, '127.0.0.1:5055', 'slipway/api')
      .resolve('v1.0.0')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      operation: 'registry',
      message: expect.stringContaining('tools/ci/container-env.sh start'),
    });
    down.unreachable = registryFailure('GET http://x failed: HTTP 500');
    await expect(new RegistryImages(down, 'r', 'a').resolve('v1.0.0')).rejects.toMatchObject({
      kind: 'unknown',
      message: 'GET http://x failed: HTTP 500',
    });
    down.unreachable = new TypeError('bug');
    await expect(new RegistryImages(down, 'r', 'a').resolve('v1.0.0')).rejects.toThrow(TypeError);
  });

  it('builds a real client for a registry address', () => {
    expect(RegistryImages.for('127.0.0.1:5055', 'slipway/api').imageName).toBe('127.0.0.1:5055/slipway/api');
  });
});
