import { compareReleaseVersions, isReleaseVersion, parseReleaseVersion } from '@slipway/versioning';
import { logCommits } from './commit-range';
import { git } from './git';
import type { ReleaseCommit } from './semantic-release-types';

/** The highest `vX.Y.Z` tag reachable from HEAD: the release semantic-release counts from. */
export function lastReleaseTag(cwd: string): string | null {
  const tags = git(['tag', '--merged', 'HEAD', '--list', 'v*'], cwd).split('\n').filter(isReleaseVersion);
  const [newest] = tags.map(parseReleaseVersion).sort(compareReleaseVersions);
  return newest?.tag ?? null;
}

/** Commits after `tag` up to HEAD (all of history without a tag), newest first. */
export function commitsSince(tag: string | null, cwd: string): ReleaseCommit[] {
  return logCommits([tag === null ? 'HEAD' : `${tag}..HEAD`], cwd).map(({ sha, message }) => ({ hash: sha, message }));
}
