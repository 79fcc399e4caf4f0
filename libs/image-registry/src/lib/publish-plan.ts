import { PublishError, invalidInput } from './errors';

/**
 * What publishing will do to each tag, decided before anything is written.
 * - push: `docker push` the local image (only ever for the commit tag, only when it is absent)
 * - copy: write an existing manifest under the tag, registry-side (same bytes, same digest, no rebuild)
 * - unchanged: the tag already names exactly these bytes; a re-run is a no-op
 */
export type TagStep =
  | { readonly tag: string; readonly action: 'push' }
  | { readonly tag: string; readonly action: 'copy'; readonly from: string }
  | { readonly tag: string; readonly action: 'unchanged' };

export interface PublishPlan {
  /** Known up front unless the first step is a push (the registry computes the digest then). */
  readonly digest?: string;
  readonly source: 'local' | 'registry';
  readonly steps: readonly TagStep[];
}

export interface PlanInput {
  readonly imageName: string;
  readonly commitTag: string;
  readonly versionTag?: string;
  /** Digests the tags have in the registry now (absent: the tag does not exist). */
  readonly remote: { readonly commitTag?: string; readonly versionTag?: string };
  /** The local image to publish, with the digests the engine knows it has in this repository; absent: promote only. */
  readonly local?: { readonly ref: string; readonly digests: readonly string[] };
}

export function planPublish(input: PlanInput): PublishPlan {
  const { commitTag, versionTag, remote, local } = input;
  const published = remote.commitTag;

  if (published) {
    if (local && !local.digests.includes(published)) throw commitConflict(input, local, published);
    return {
      digest: published,
      source: 'registry',
      steps: [{ tag: commitTag, action: 'unchanged' }, ...versionStep(input, published)],
    };
  }
  if (!local) {
    throw invalidInput(
      `nothing to publish: ${input.imageName}:${commitTag} is not in the registry and no local image is used; build it first (nx run api:docker:build)`,
    );
  }
  if (versionTag && remote.versionTag) {
    // Only the very same bytes may get the commit tag next to an existing version tag.
    if (!local.digests.includes(remote.versionTag))
      throw versionConflict(input, remote.versionTag, `the local image ${local.ref}`);
    return {
      digest: remote.versionTag,
      source: 'local',
      steps: [
        { tag: commitTag, action: 'copy', from: versionTag },
        { tag: versionTag, action: 'unchanged' },
      ],
    };
  }
  return {
    source: 'local',
    steps: [
      { tag: commitTag, action: 'push' },
      ...(versionTag ? [{ tag: versionTag, action: 'copy' as const, from: commitTag }] : []),
    ],
  };
}

function versionStep(input: PlanInput, digest: string): TagStep[] {
  const { versionTag, remote, commitTag } = input;
  if (!versionTag) return [];
  if (!remote.versionTag) return [{ tag: versionTag, action: 'copy', from: commitTag }];
  if (remote.versionTag === digest) return [{ tag: versionTag, action: 'unchanged' }];
  throw versionConflict(input, remote.versionTag, `${commitTag} (${digest})`);
}

export function tagConflict(message: string): PublishError {
  return new PublishError('tag-conflict', message);
}

function versionConflict(input: PlanInput, existing: string, wanted: string): PublishError {
  return tagConflict(
    `refusing to move ${input.imageName}:${input.versionTag}: it already names ${existing}, and ${wanted} is different bytes. ` +
      'Release tags are immutable; nothing was pushed. Publish the change under a new version.',
  );
}

function commitConflict(input: PlanInput, local: NonNullable<PlanInput['local']>, existing: string): PublishError {
  const known = local.digests.length
    ? `was pushed here as ${local.digests.join(', ')}`
    : 'was never pushed to this repository';
  return tagConflict(
    `refusing to move ${input.imageName}:${input.commitTag}: it already names ${existing}, and the local image ${local.ref} ` +
      `is a different build (it ${known}). Commit tags are immutable; nothing was pushed. ` +
      'To tag what is already published, run with --promote (no local image, no rebuild); to publish new bytes, commit them.',
  );
}
