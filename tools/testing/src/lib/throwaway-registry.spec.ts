import { describeWithRegistry } from './docker-gate';
import { seedImage } from './seed-image';
import { startThrowawayRegistry, type ThrowawayRegistry } from './throwaway-registry';

const ACCEPT = 'application/vnd.docker.distribution.manifest.v2+json';

describeWithRegistry('throwaway registry (real CNCF distribution)', () => {
  let registry: ThrowawayRegistry;

  beforeAll(async () => {
    registry = await startThrowawayRegistry();
  });
  afterAll(() => registry?.stop());

  it('starts empty on 127.0.0.1', async () => {
    expect(registry.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await fetch(`http://${registry.address}/v2/seeded/app/tags/list`)).status).toBe(404);
  });

  it('takes seeded images: one digest per distinct config, the same digest for the same one', async () => {
    const a = await seedImage(registry.address, 'seeded/app', 'one', { build: 'a' });
    const again = await seedImage(registry.address, 'seeded/app', 'two', { build: 'a' });
    const b = await seedImage(registry.address, 'seeded/app', 'three', { build: 'b' });
    expect(again.digest).toBe(a.digest);
    expect(b.digest).not.toBe(a.digest);
    const head = await fetch(`http://${registry.address}/v2/seeded/app/manifests/one`, {
      method: 'HEAD',
      headers: { accept: ACCEPT },
    });
    expect(head.headers.get('docker-content-digest')).toBe(a.digest);
    const listed = (await (await fetch(`http://${registry.address}/v2/seeded/app/tags/list`)).json()) as {
      tags: string[];
    };
    expect(listed.tags.sort()).toEqual(['one', 'three', 'two']);
  });

  it('reports a rejected seed', async () => {
    await expect(seedImage(registry.address, 'Invalid/Name', 'x', {})).rejects.toThrow(
      /starting a blob upload to Invalid\/Name answered 4\d\d/,
    );
  });
});

describe('startThrowawayRegistry', () => {
  it('fails clearly when the binary is missing, leaving nothing behind', async () => {
    await expect(startThrowawayRegistry('/nonexistent/docker-registry')).rejects.toThrow(
      'cannot start /nonexistent/docker-registry',
    );
  });
});
