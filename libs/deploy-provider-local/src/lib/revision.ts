import type { RevisionRef } from '@slipway/deploy-engine';

/**
 * A local revision is a container spec pinned by digest: the image reference
 * `<registry>/<repository>@sha256:…` plus what Slipway records about it. The environment's settings
 * (name, port, network) complete it, so the reference alone identifies the revision.
 *
 * The record lives on the container's labels: the version, the commit, and the chain of revisions
 * it replaced (newest first) — what `rollback` walks and what a failed deploy puts back.
 */
export interface HistoryEntry {
  readonly image: string;
  readonly version?: string;
  readonly commit?: string;
}

export interface ContainerRevision extends HistoryEntry {
  /** Revisions this one replaced, newest first (at most MAX_HISTORY). */
  readonly history: readonly HistoryEntry[];
}

export const LABEL_PREFIX = 'io.slipway.';
export const LABELS = {
  managedBy: `${LABEL_PREFIX}managed-by`,
  environment: `${LABEL_PREFIX}environment`,
  version: `${LABEL_PREFIX}version`,
  commit: `${LABEL_PREFIX}commit`,
  digest: `${LABEL_PREFIX}digest`,
  previous: `${LABEL_PREFIX}previous`,
  history: `${LABEL_PREFIX}history`,
  rollout: `${LABEL_PREFIX}rollout`,
} as const;

/** How far back a container remembers what it replaced (the engine walks at most 20 hops). */
export const MAX_HISTORY = 20;

/** "Nothing runs": the environment before its first deploy. Restoring it removes the container. */
export const EMPTY_REVISION: RevisionRef = { id: '', label: '(no container)', image: '(none)' };

export function isEmptyRevision(revision: Pick<RevisionRef, 'id'>): boolean {
  return revision.id === '';
}

/** `slipway/api@37e94b0f3b41`: short enough for a summary line, unique enough to tell images apart. */
export function revisionLabel(image: string): string {
  const at = image.lastIndexOf('@');
  if (at < 0) return image;
  const name = image.slice(0, at);
  const repository = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
  return `${repository}@${image
    .slice(at + 1)
    .replace(/^sha256:/, '')
    .slice(0, 12)}`;
}

export function digestOf(image: string): string | undefined {
  const match = /@(sha256:[0-9a-f]{64})$/.exec(image);
  return match?.[1];
}

/**
 * The engine's view of a revision. The running container's revision is identified by its image
 * reference; an entry of its history by `<image>#<depth>`, because the same image can appear more
 * than once in a chain (v1 → v2 → v1) and the walk must not loop.
 */
export function toRevisionRef(revision: ContainerRevision, depth = 0): RevisionRef {
  return {
    id: depth === 0 ? revision.image : `${revision.image}#${depth}`,
    label: revisionLabel(revision.image),
    image: revision.image,
    version: revision.version,
    commit: revision.commit,
    previousId: revision.history[0] ? `${revision.history[0].image}#${depth + 1}` : undefined,
  };
}

/** A revision id found in the chain that starts at `head`, with the history it had and its depth. */
export function findInChain(
  head: ContainerRevision,
  id: string,
): { revision: ContainerRevision; depth: number } | undefined {
  if (id === head.image) return { revision: head, depth: 0 };
  const match = /^(.*)#(\d+)$/.exec(id);
  if (!match) return undefined;
  const depth = Number(match[2]);
  const entry = head.history[depth - 1];
  if (!entry || entry.image !== match[1]) return undefined;
  return { revision: { ...entry, history: head.history.slice(depth) }, depth };
}

/** The labels that record a revision on its container. */
export function revisionLabels(
  revision: ContainerRevision,
  environment: string,
  rolloutId: string,
): Record<string, string> {
  const labels: Record<string, string> = {
    [LABELS.managedBy]: 'slipway',
    [LABELS.environment]: environment,
    [LABELS.rollout]: rolloutId,
    [LABELS.history]: JSON.stringify(revision.history.slice(0, MAX_HISTORY).map(compactEntry)),
  };
  const digest = digestOf(revision.image);
  if (digest) labels[LABELS.digest] = digest;
  if (revision.version) labels[LABELS.version] = revision.version;
  if (revision.commit) labels[LABELS.commit] = revision.commit;
  if (revision.history[0]) labels[LABELS.previous] = revision.history[0].image;
  return labels;
}

/** What a container's labels say about its revision; a container Slipway did not start has only its image. */
export function revisionFromLabels(image: string, labels: Readonly<Record<string, string>>): ContainerRevision {
  return {
    image,
    version: labels[LABELS.version] || undefined,
    commit: labels[LABELS.commit] || undefined,
    history: parseHistory(labels[LABELS.history]),
  };
}

/** The revision a new one replaces goes first in the new one's history. */
export function successorHistory(replaced: ContainerRevision | undefined): HistoryEntry[] {
  if (!replaced) return [];
  return [compactEntry(replaced), ...replaced.history].slice(0, MAX_HISTORY);
}

function parseHistory(raw: string | undefined): HistoryEntry[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isEntry).map(compactEntry);
  } catch {
    // A label edited by hand: the chain stops here rather than failing the deploy.
    return [];
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  return typeof value === 'object' && value !== null && typeof (value as HistoryEntry).image === 'string';
}

function compactEntry(entry: HistoryEntry): HistoryEntry {
  return {
    image: entry.image,
    ...(typeof entry.version === 'string' ? { version: entry.version } : {}),
    ...(typeof entry.commit === 'string' ? { commit: entry.commit } : {}),
  };
}
