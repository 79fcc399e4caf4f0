import { DeployError, ProviderError } from '../errors';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider, IMAGE } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { describeImage, resolveRelease, shortDigest } from './resolve';

describe('resolve phase', () => {
  const context = () => ({ clock: new SimulatedClock(), policy: DEFAULT_POLL_POLICY });

  it('returns the digest-pinned image', async () => {
    await expect(resolveRelease(new FakeProvider(), 'v1.2.0', context())).resolves.toBe(IMAGE);
    expect(describeImage(IMAGE)).toBe(`v1.2.0 → sha256:new, commit ${'b'.repeat(12)}`);
    expect(describeImage({ ...IMAGE, commit: undefined })).toBe('v1.2.0 → sha256:new');
    expect(shortDigest('sha256:0123456789abcdef')).toBe('0123456789ab');
  });

  it('fails pre-flight with the nearest existing versions', async () => {
    const provider = new FakeProvider();
    provider.resolution = { found: false, repository: 'slipway/api', existingTags: ['v1.1.0', 'v1.3.0', 'sha-x'] };
    const error = await resolveRelease(provider, 'v1.2.0', context()).catch((e) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect(error.outcome).toBe('PREFLIGHT_FAILED');
    expect(error.message).toBe(
      'image slipway/api:v1.2.0 does not exist; nearest existing versions: v1.3.0, v1.1.0. Nothing was changed.',
    );
    expect(error.details).toEqual({ nearestVersions: ['v1.3.0', 'v1.1.0'] });
  });

  it('says so when the repository has no releases at all', async () => {
    const provider = new FakeProvider();
    provider.resolution = { found: false, repository: 'r', existingTags: [] };
    await expect(resolveRelease(provider, 'v1.2.0', context())).rejects.toThrow('holds no release tags yet');
  });

  it('retries a throttled lookup', async () => {
    const provider = new FakeProvider();
    let calls = 0;
    provider.resolveImage = async () => {
      if (calls++ < 2) throw new ProviderError('throttled', 'Rate exceeded', 'ecr:DescribeImages');
      return { found: true, image: IMAGE };
    };
    const ctx = context();
    await expect(resolveRelease(provider, 'v1.2.0', ctx)).resolves.toBe(IMAGE);
    expect(ctx.clock.sleeps).toHaveLength(2);
  });
});
