import { RegistryClient } from '@slipway/image-registry';
import { describeWithRegistry, seedImage, startThrowawayRegistry, type ThrowawayRegistry } from '@slipway/testing';
import type { PublishImageOptions } from './options';
import { runPublishImage } from './run';

// Promotion and immutability against a real registry (CNCF distribution), with images seeded through the
// distribution API: fast, and no Docker engine needed. The full build → push → run flow is publish-image.docker.spec.ts.
const C1 = '1111111000000000000000000000000000000001';
const C2 = '2222222000000000000000000000000000000002';
const T1 = `sha-${C1}`;
const T2 = `sha-${C2}`;
const labels = (commit: string, version: string) => ({
  'org.opencontainers.image.revision': commit,
  'org.opencontainers.image.version': version,
});

describeWithRegistry('publish-image against a real registry', () => {
  let registry: ThrowawayRegistry;
  let client: RegistryClient;
  let out: string[];
  let err: string[];
  const repository = 'slipway/api';
  const publish = (overrides: Partial<PublishImageOptions>) => {
    out = [];
    err = [];
    const options: PublishImageOptions = {
      registry: registry.address,
      repository,
      commit: C1,
      promote: true,
      json: true,
      ...overrides,
    };
    return runPublishImage(options, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} });
  };
  const report = () => JSON.parse(out[0]);

  beforeAll(async () => {
    registry = await startThrowawayRegistry();
    client = new RegistryClient({ registry: registry.address, repository });
  });
  afterAll(() => registry?.stop());

  it('adds the version to an existing sha- image registry-side: same digest, both tags listed', async () => {
    const built = await seedImage(registry.address, repository, T1, labels(C1, 'v1.2.0'));
    await expect(publish({ version: 'v1.2.0' })).resolves.toBe(0);
    expect(report()).toMatchObject({
      digest: built.digest,
      outcomes: { [T1]: 'unchanged', 'v1.2.0': 'copied' },
      changed: true,
    });
    expect((await client.listTags()).sort()).toEqual([T1, 'v1.2.0']);
    expect(await client.resolveTag('v1.2.0')).toBe(built.digest);
    expect((await client.getManifest('v1.2.0'))?.bytes.equals(built.manifest)).toBe(true);
  });

  it('is a no-op on a re-run', async () => {
    await expect(publish({ version: 'v1.2.0' })).resolves.toBe(0);
    expect(report()).toMatchObject({ outcomes: { [T1]: 'unchanged', 'v1.2.0': 'unchanged' }, changed: false });
  });

  it('refuses other bytes under the same version with exit 3, and the registry keeps its tags', async () => {
    await seedImage(registry.address, repository, T2, labels(C2, 'v1.2.0'));
    const before = await client.resolveTag('v1.2.0');
    await expect(publish({ commit: C2, version: 'v1.2.0' })).resolves.toBe(3);
    expect(report()).toMatchObject({ ok: false, exitCode: 3, error: { kind: 'tag-conflict' } });
    expect(await client.resolveTag('v1.2.0')).toBe(before);
    expect((await client.listTags()).sort()).toEqual([T1, T2, 'v1.2.0']);
  });

  it('refuses a short commit with exit 2 before touching the registry', async () => {
    const before = (await client.listTags()).sort();
    await expect(publish({ commit: C1.slice(0, 7), version: 'v1.3.0' })).resolves.toBe(2);
    expect(report().error.message).toContain('pass --commit "$(git rev-parse HEAD)"');
    expect((await client.listTags()).sort()).toEqual(before);
  });

  it('refuses latest with exit 2 before touching the registry', async () => {
    await expect(publish({ version: 'latest' })).resolves.toBe(2);
    expect(report().error.message).toContain('"latest" is a moving tag');
    expect(await client.resolveTag('latest')).toBeUndefined();
  });

  it('refuses a version the image was not built for, reading its labels from the registry', async () => {
    await expect(publish({ version: 'v1.3.0' })).resolves.toBe(2);
    expect(report().error.message).toContain(
      `:${T1} was built with version "v1.2.0", so /version would not report v1.3.0`,
    );
    expect(await client.resolveTag('v1.3.0')).toBeUndefined();
  });
});
