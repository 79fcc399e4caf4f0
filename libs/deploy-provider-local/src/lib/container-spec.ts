import type { ContainerRevision } from './revision';
import { revisionLabels } from './revision';
import type { LocalSettings } from './settings';

export interface ContainerSpec {
  /** Container name to create under (the staging name during a replacement). */
  readonly name: string;
  readonly revision: ContainerRevision;
  readonly environment: string;
  readonly rolloutId: string;
}

/**
 * `docker create` arguments for a revision. Pure.
 * - The image is pinned by digest: what runs is exactly what was resolved.
 * - `--restart unless-stopped`: the environment survives an engine restart; a crash during a rollout
 *   still shows (RestartCount) and fails it.
 * - Host network (this machine kind has no bridge): the app listens on the port itself (PORT).
 *   Any other network publishes the port on 127.0.0.1 only.
 */
export function createArguments(spec: ContainerSpec, settings: LocalSettings): string[] {
  const args = ['create', '--name', spec.name, '--restart', 'unless-stopped', '--network', settings.network];
  if (settings.network === 'host') args.push('--env', `PORT=${settings.port}`);
  else
    args.push(
      '--env',
      `PORT=${settings.containerPort}`,
      '--publish',
      `127.0.0.1:${settings.port}:${settings.containerPort}`,
    );
  const labels = revisionLabels(spec.revision, spec.environment, spec.rolloutId);
  for (const key of Object.keys(labels).sort()) args.push('--label', `${key}=${labels[key]}`);
  args.push(spec.revision.image);
  return args;
}

/** Where a replacement is created before the running container makes way. */
export function stagingName(container: string): string {
  return `${container}-next`;
}

/** Where the replaced container is kept, stopped, for its logs (`docker logs <name>-replaced`). */
export function replacedName(container: string): string {
  return `${container}-replaced`;
}

/** `<container>@2026-01-01T03:00:06.123Z`: unique per replacement, readable in a summary. */
export function newRolloutId(container: string, now: Date): string {
  return `${container}@${now.toISOString()}`;
}
