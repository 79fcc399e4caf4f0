import {
  compareReleaseVersions,
  isReleaseVersion,
  parseReleaseVersion,
  type ReleaseVersion,
} from '@slipway/versioning';

/**
 * The existing release tags closest to the one asked for: its neighbours in version order,
 * nearest first, then the newest release if it is not among them. Non-release tags are ignored.
 */
export function nearestVersions(requested: string, existingTags: readonly string[], count = 3): string[] {
  const target = parseReleaseVersion(requested);
  const releases = [...new Set(existingTags.filter(isReleaseVersion))]
    .map((tag) => parseReleaseVersion(tag))
    .sort((a, b) => -compareReleaseVersions(a, b)); // oldest first
  if (releases.length === 0) return [];
  const below = releases.filter((v) => compareReleaseVersions(v, target) > 0).reverse(); // nearest first
  const above = releases.filter((v) => compareReleaseVersions(v, target) < 0);
  const picked: ReleaseVersion[] = [];
  for (let i = 0; picked.length < count && (i < below.length || i < above.length); i++) {
    if (i < below.length) picked.push(below[i]);
    if (i < above.length && picked.length < count) picked.push(above[i]);
  }
  const newest = releases[releases.length - 1];
  if (!picked.includes(newest)) picked[Math.min(picked.length, count - 1)] = newest;
  return picked.sort(compareReleaseVersions).map((v) => v.tag);
}
