import type { RegisterTaskDefinitionCommandInput, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { RevisionChange, RevisionRef } from '@slipway/deploy-engine';

/** Tags Slipway writes on every revision it registers; they make rollback and status exact. */
export const TAG_VERSION = 'slipway:version';
export const TAG_COMMIT = 'slipway:commit';
export const TAG_DIGEST = 'slipway:digest';
export const TAG_PREVIOUS = 'slipway:previous-task-definition';
const SLIPWAY_TAG_PREFIX = 'slipway:';

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not accept. */
const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export interface ReleaseTags {
  readonly version: string;
  readonly commit?: string;
  readonly digest: string;
  /** The revision being replaced: `rollback` walks this chain. */
  readonly previousTaskDefinition: string;
}

export class ContainerNotFoundError extends Error {
  override readonly name = 'ContainerNotFoundError';
}

/**
 * The new revision: the current one with only `container`'s image replaced and Slipway's tags
 * set; read-only fields stripped. Other tags are kept. Pure.
 */
export function buildNextTaskDefinition(
  current: TaskDefinition,
  currentTags: readonly Tag[],
  container: string,
  imageReference: string,
  release: ReleaseTags,
): RegisterTaskDefinitionCommandInput {
  const names = (current.containerDefinitions ?? []).map((c) => c.name);
  if (!names.includes(container)) {
    throw new ContainerNotFoundError(
      `container "${container}" is not in task definition ${labelOf(current.taskDefinitionArn ?? current.family ?? '?')}; it has: ${names.join(', ') || 'no containers'}. Fix "container" in the deploy config or pass --container`,
    );
  }
  const writable: Record<string, unknown> = { ...current };
  for (const field of READ_ONLY_FIELDS) delete writable[field];
  const containerDefinitions = (current.containerDefinitions ?? []).map((definition) =>
    definition.name === container ? { ...definition, image: imageReference } : definition,
  );
  const tags: Tag[] = [
    ...currentTags.filter((t) => t.key && !t.key.startsWith(SLIPWAY_TAG_PREFIX)),
    { key: TAG_VERSION, value: release.version },
    ...(release.commit ? [{ key: TAG_COMMIT, value: release.commit }] : []),
    { key: TAG_DIGEST, value: release.digest },
    { key: TAG_PREVIOUS, value: release.previousTaskDefinition },
  ];
  return {
    ...(writable as Omit<RegisterTaskDefinitionCommandInput, 'containerDefinitions' | 'tags'>),
    family: current.family,
    containerDefinitions,
    tags,
  };
}

/** What a dry run shows: the image line and the Slipway tags that change. Pure. */
export function describeChanges(
  current: TaskDefinition,
  currentTags: readonly Tag[],
  next: RegisterTaskDefinitionCommandInput,
  container: string,
): RevisionChange[] {
  const image = (definitions: TaskDefinition['containerDefinitions']) =>
    definitions?.find((c) => c.name === container)?.image ?? '(none)';
  const changes: RevisionChange[] = [
    {
      field: `container ${container} image`,
      from: image(current.containerDefinitions),
      to: image(next.containerDefinitions),
    },
  ];
  const before = tagMap(currentTags);
  for (const tag of next.tags ?? []) {
    if (tag.key?.startsWith(SLIPWAY_TAG_PREFIX) && before[tag.key] !== tag.value) {
      changes.push({ field: `tag ${tag.key}`, from: before[tag.key] ?? '(none)', to: tag.value ?? '' });
    }
  }
  return changes;
}

/** A task definition as the engine sees it. Pure. */
export function toRevisionRef(definition: TaskDefinition, tags: readonly Tag[], container: string): RevisionRef {
  const map = tagMap(tags);
  const id = definition.taskDefinitionArn ?? '';
  return {
    id,
    label: labelOf(id),
    image: definition.containerDefinitions?.find((c) => c.name === container)?.image ?? '(no such container)',
    version: map[TAG_VERSION],
    commit: map[TAG_COMMIT],
    previousId: map[TAG_PREVIOUS],
  };
}

/** `arn:aws:ecs:…:task-definition/api:42` → `api:42`. */
export function labelOf(taskDefinitionArn: string): string {
  return taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
}

/** `…/slipway/api@sha256:abc` → `sha256:abc`; undefined for tag references. */
export function digestOf(imageReference: string): string | undefined {
  const at = imageReference.lastIndexOf('@');
  return at >= 0 && imageReference.slice(at + 1).startsWith('sha256:') ? imageReference.slice(at + 1) : undefined;
}

function tagMap(tags: readonly Tag[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags) if (tag.key) map[tag.key] = tag.value ?? '';
  return map;
}
