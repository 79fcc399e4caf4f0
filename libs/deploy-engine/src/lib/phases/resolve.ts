import { DeployError } from '../errors';
import type { DeployProvider, ResolvedImage } from '../provider';
import { type RetryContext, retryThrottled } from '../timing/retry';
import { nearestVersions } from './nearest-versions';

/** The resolve phase: version tag → digest. A missing tag fails here, before the target is read. */
export async function resolveRelease(
  provider: DeployProvider,
  version: string,
  context: RetryContext,
): Promise<ResolvedImage> {
  const resolution = await retryThrottled('resolve image', () => provider.resolveImage(version), context);
  if (resolution.found) return resolution.image;
  const nearest = nearestVersions(version, resolution.existingTags);
  const hint =
    nearest.length > 0
      ? `nearest existing versions: ${nearest.join(', ')}`
      : 'the repository holds no release tags yet; publish the image first (nx run <app>:publish-image)';
  throw new DeployError(
    'PREFLIGHT_FAILED',
    `image ${resolution.repository}:${version} does not exist; ${hint}. Nothing was changed.`,
    {
      nearestVersions: nearest,
    },
  );
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

export function describeImage(image: ResolvedImage): string {
  const commit = image.commit ? `, commit ${image.commit.slice(0, 12)}` : '';
  return `${image.version} → ${image.digest}${commit}`;
}
