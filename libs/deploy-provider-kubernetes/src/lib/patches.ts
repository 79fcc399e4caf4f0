import type { RevisionChange } from '@slipway/deploy-engine';
import {
  annotationsOf,
  CHANGE_CAUSE_ANNOTATION,
  COMMIT_ANNOTATION,
  CONTROLLER_ANNOTATIONS,
  DIGEST_ANNOTATION,
  PREVIOUS_ANNOTATION,
  type V1Deployment,
  type V1ReplicaSet,
  VERSION_ANNOTATION,
  withoutHashLabel,
} from './objects';

/** RFC 6902, as `application/json-patch+json` (the client's default patch type). */
export type JsonPatchOperation =
  | { readonly op: 'test' | 'add' | 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

export interface ReleaseAnnotations {
  readonly version: string;
  readonly commit?: string;
  readonly digest: string;
  /** ReplicaSet to roll back to; absent when there is none yet. */
  readonly previousRevision?: string;
}

export class ContainerNotFoundError extends Error {
  override readonly name = 'ContainerNotFoundError';
}

/** JSON Pointer segment: `kubernetes.io/change-cause` → `kubernetes.io~1change-cause`. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function changeCause(release: ReleaseAnnotations): string {
  const commit = release.commit ? ` from commit ${release.commit.slice(0, 12)}` : '';
  return `slipway deploy ${release.version} (${release.digest})${commit}`;
}

/** The annotations Slipway sets on the Deployment; the controller copies them to the new ReplicaSet. */
export function releaseAnnotations(release: ReleaseAnnotations): Record<string, string | undefined> {
  return {
    [CHANGE_CAUSE_ANNOTATION]: changeCause(release),
    [VERSION_ANNOTATION]: release.version,
    [COMMIT_ANNOTATION]: release.commit,
    [DIGEST_ANNOTATION]: release.digest,
    [PREVIOUS_ANNOTATION]: release.previousRevision,
  };
}

/**
 * The image patch: only the named container's image and Slipway's annotations change. Guarded by
 * `test` operations: the Deployment must still be at the generation that was planned (no one
 * changed its spec since) and the container must still be at that index. Pure.
 */
export function imagePatch(
  deployment: V1Deployment,
  container: string,
  imageReference: string,
  release: ReleaseAnnotations,
): JsonPatchOperation[] {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const index = containers.findIndex((c) => c.name === container);
  if (index < 0) {
    const names = containers.map((c) => c.name).join(', ') || 'no containers';
    throw new ContainerNotFoundError(
      `container "${container}" is not in the pod template of deployment ${deployment.metadata?.name}; it has: ${names}. Fix "container" in the deploy config or pass --container`,
    );
  }
  const ops: JsonPatchOperation[] = [
    { op: 'test', path: '/metadata/generation', value: deployment.metadata?.generation ?? 0 },
    { op: 'test', path: `/spec/template/spec/containers/${index}/name`, value: container },
    { op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: imageReference },
  ];
  return [
    ...ops,
    ...annotationOps(
      annotationsOf(deployment),
      releaseAnnotations(release),
      deployment.metadata?.annotations === undefined,
    ),
  ];
}

function annotationOps(
  current: Record<string, string>,
  wanted: Record<string, string | undefined>,
  noAnnotations: boolean,
): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = noAnnotations ? [{ op: 'add', path: '/metadata/annotations', value: {} }] : [];
  for (const [key, value] of Object.entries(wanted)) {
    const path = `/metadata/annotations/${pointerSegment(key)}`;
    if (value !== undefined) ops.push({ op: 'add', path, value });
    else if (key in current) ops.push({ op: 'remove', path });
  }
  return ops;
}

/**
 * `kubectl rollout undo`, exactly: the ReplicaSet's pod template (without its pod-template-hash
 * label) and its annotations (except the controller's own) go back into the Deployment. Pure.
 */
export function undoPatch(deployment: V1Deployment, replicaSet: V1ReplicaSet): JsonPatchOperation[] {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotationsOf(deployment)))
    if (CONTROLLER_ANNOTATIONS.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(annotationsOf(replicaSet)))
    if (!CONTROLLER_ANNOTATIONS.has(key)) annotations[key] = value;
  return [
    { op: 'test', path: '/metadata/generation', value: deployment.metadata?.generation ?? 0 },
    { op: 'replace', path: '/spec/template', value: withoutHashLabel(replicaSet.spec?.template) },
    { op: 'add', path: '/metadata/annotations', value: annotations },
  ];
}

/** What a dry run shows: the image line and the annotations that change. Pure. */
export function describeChanges(
  deployment: V1Deployment,
  container: string,
  imageReference: string,
  release: ReleaseAnnotations,
): RevisionChange[] {
  const currentImage =
    deployment.spec?.template?.spec?.containers?.find((c) => c.name === container)?.image ?? '(none)';
  const changes: RevisionChange[] = [{ field: `container ${container} image`, from: currentImage, to: imageReference }];
  const before = annotationsOf(deployment);
  for (const [key, value] of Object.entries(releaseAnnotations(release))) {
    if (before[key] !== value && !(value === undefined && !(key in before))) {
      changes.push({ field: `annotation ${key}`, from: before[key] ?? '(none)', to: value ?? '(removed)' });
    }
  }
  return changes;
}
