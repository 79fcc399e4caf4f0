import {
  type DeployProvider,
  type EnvironmentStatus,
  type ImageResolution,
  type Observation,
  ProviderError,
  type ReleasePlan,
  type ResolvedImage,
  type RevisionRef,
  type RolloutHandle,
  type RolloutSnapshot,
  type TargetState,
} from '@slipway/deploy-engine';
import type { ContainerInfo } from './container-info';
import { createArguments, newRolloutId, replacedName, stagingName } from './container-spec';
import { healthEvents, rolloutIdOf, rolloutOf, stoppedTaskOf } from './container-state';
import type { DockerEngine } from './docker-engine';
import type { RegistryImages } from './registry-images';
import {
  type ContainerRevision,
  digestOf,
  EMPTY_REVISION,
  findInChain,
  isEmptyRevision,
  revisionFromLabels,
  revisionLabel,
  successorHistory,
  toRevisionRef,
} from './revision';
import type { LocalSettings } from './settings';

export interface LocalReleasePlan extends ReleasePlan {
  readonly revision: ContainerRevision;
}

/** Seconds `docker stop` gives the app to drain before SIGKILL (the api exits on SIGTERM at once). */
export const STOP_TIMEOUT_SECONDS = 10;

/**
 * One Docker container on this machine behind the engine's provider contract.
 * - revision = a container spec pinned by digest (`<registry>/<repository>@sha256:…`);
 * - rollout  = replacing the container: create the new one aside, stop the running one (stop-first:
 *   with host networking two processes cannot hold the port), start the new one; the replaced one is
 *   kept stopped as `<name>-replaced` for its logs;
 * - the image's HEALTHCHECK decides when the rollout completes; exit, restart, a failed start or
 *   "unhealthy" fail it; restoring starts the previous spec again the same way.
 * Version, commit and the chain of replaced revisions live on the container's labels.
 */
export class LocalProvider implements DeployProvider<LocalReleasePlan> {
  readonly description: string;
  /** The environment's container as last read, for restore and the history walk. */
  private head?: ContainerRevision;

  constructor(
    private readonly settings: LocalSettings,
    private readonly environment: string,
    private readonly docker: DockerEngine,
    private readonly images: RegistryImages,
    private readonly now: () => Date = () => new Date(),
  ) {
    const where =
      settings.network === 'host'
        ? `port ${settings.port}, host network`
        : `127.0.0.1:${settings.port} → ${settings.containerPort}, network ${settings.network}`;
    this.description = `Docker container ${settings.container} (${where}) on ${docker.host}`;
  }

  inspectCommands(): string[] {
    const { container } = this.settings;
    return [
      `docker ps --all --filter name=${container}`,
      `docker inspect --format '{{json .State.Health}}' ${container}`,
      `docker logs --tail 50 ${container}    ` +
        `# the replaced or failed one: docker logs --tail 50 ${replacedName(container)}`,
    ];
  }

  resolveImage(version: string): Promise<ImageResolution> {
    return this.images.resolve(version);
  }

  async readTarget(): Promise<TargetState> {
    // Fails with the fix when no engine answers, before anything else is read.
    await this.docker.serverVersion();
    const info = await this.docker.inspectContainer(this.settings.container);
    if (!info) {
      this.head = undefined;
      return {
        status: 'ACTIVE',
        current: EMPTY_REVISION,
        stable: EMPTY_REVISION,
        rollouts: [],
        events: [],
        platformRollback: false,
      };
    }
    this.head = revisionFromLabels(info.image, info.labels);
    const current = toRevisionRef(this.head);
    return {
      status: 'ACTIVE',
      current,
      stable: current,
      rollouts: [rolloutOf(info)],
      events: healthEvents(info),
      platformRollback: false,
    };
  }

  async plan(target: TargetState, image: ResolvedImage): Promise<LocalReleasePlan> {
    const replaced = isEmptyRevision(target.stable) ? undefined : this.revisionOf(target.stable);
    const revision: ContainerRevision = {
      image: image.reference,
      version: image.version,
      commit: image.commit,
      history: successorHistory(replaced),
    };
    const { container, registry, repository, port, network } = this.settings;
    const from = isEmptyRevision(target.current) ? '(no container)' : target.current.image;
    return {
      image,
      current: target.current,
      stable: target.stable,
      nextLabel: revisionLabel(image.reference),
      changes: [{ field: `container ${container} image`, from, to: image.reference }],
      facts: [
        ['container', container],
        ['port', String(port)],
        ['network', network],
        ['registry', registry],
        ['repository', repository],
        ['engine', this.docker.host],
      ],
      revision,
    };
  }

  apply(plan: LocalReleasePlan): Promise<RolloutHandle> {
    return this.replace(plan.revision);
  }

  async restore(revision: RevisionRef): Promise<RolloutHandle> {
    if (isEmptyRevision(revision)) return this.removeAll();
    return this.replace(this.revisionOf(revision));
  }

  async observe(rollout: RolloutHandle): Promise<Observation> {
    const info = await this.docker.inspectContainer(this.settings.container);
    if (!info) {
      const snapshot = isEmptyRevision(rollout.revision)
        ? emptyRollout(rollout.rolloutId, 'COMPLETED')
        : {
            ...emptyRollout(rollout.rolloutId, 'FAILED'),
            revisionId: rollout.revision.id,
            revisionLabel: rollout.revision.label,
            desired: 1,
            failed: 1,
            reason: `container ${this.settings.container} is gone (removed by someone else?)`,
          };
      return { status: 'ACTIVE', rollouts: [snapshot], events: [], stoppedTasks: [] };
    }
    const mine = rolloutIdOf(info) === rollout.rolloutId;
    const stopped = mine ? stoppedTaskOf(info) : undefined;
    return {
      status: 'ACTIVE',
      rollouts: [rolloutOf(info)],
      events: healthEvents(info),
      stoppedTasks: stopped ? [stopped] : [],
    };
  }

  async readRevision(id: string): Promise<RevisionRef> {
    if (id === '') return EMPTY_REVISION;
    if (!this.head) await this.readTarget();
    const found = this.head ? findInChain(this.head, id) : undefined;
    if (found) return toRevisionRef(found.revision, found.depth);
    // Not recorded here (the chain was cut, or the container was replaced by hand): the image alone.
    const image = id.replace(/#\d+$/, '');
    return { id, label: revisionLabel(image), image };
  }

  async status(): Promise<EnvironmentStatus> {
    await this.docker.serverVersion();
    const info = await this.docker.inspectContainer(this.settings.container);
    if (!info) return { current: EMPTY_REVISION, rollouts: [] };
    const current = toRevisionRef(revisionFromLabels(info.image, info.labels));
    const rollout = rolloutOf(info);
    return {
      current,
      digest: digestOf(info.image),
      rollout,
      rollouts: [rollout],
      since: info.startedAt ?? info.createdAt,
    };
  }

  /** A revision as it was recorded, with the history it had (so a restored container keeps its chain). */
  private revisionOf(revision: RevisionRef): ContainerRevision {
    const found = this.head ? findInChain(this.head, revision.id) : undefined;
    return {
      image: revision.image,
      version: revision.version,
      commit: revision.commit,
      history: found?.revision.history ?? [],
    };
  }

  private async replace(revision: ContainerRevision): Promise<RolloutHandle> {
    const { container } = this.settings;
    const staging = stagingName(container);
    const rolloutId = newRolloutId(container, this.now());
    // Everything that can be refused happens before the running container is touched.
    // Pinned by digest: a local copy is that very image, and a restore must not depend on the registry.
    if (!(await this.docker.hasImage(revision.image))) await this.docker.pull(revision.image);
    await this.docker.remove(staging);
    await this.docker.create(
      createArguments({ name: staging, revision, environment: this.environment, rolloutId }, this.settings),
    );
    try {
      await this.retire(await this.docker.inspectContainer(container));
      await this.docker.rename(staging, container);
    } catch (error) {
      // Not a refusal: the running container may already be stopped. Put it back before saying so.
      const back = await this.putBack();
      const failure = error instanceof ProviderError ? error : new ProviderError('unknown', String(error), 'docker');
      const state = back
        ? `the previous container was started again as ${container}`
        : `check \`docker ps --all --filter name=${container}\``;
      throw new ProviderError(
        'unknown',
        `replacing container ${container} failed: ${failure.message}; ${state}`,
        failure.operation,
        error,
      );
    }
    try {
      await this.docker.start(container);
    } catch {
      // A container that cannot start stays "created" with Docker's error: observe reports it as a failed start.
    }
    return { rolloutId, revision: toRevisionRef(revision) };
  }

  /** Stops the running container and keeps it, stopped, as `<name>-replaced`. */
  private async retire(running: ContainerInfo | undefined): Promise<void> {
    if (!running) return;
    const { container } = this.settings;
    await this.docker.remove(replacedName(container));
    if (running.status === 'running' || running.status === 'restarting')
      await this.docker.stop(container, STOP_TIMEOUT_SECONDS);
    await this.docker.rename(container, replacedName(container));
  }

  /** After a replacement failed halfway: the staging container goes, the replaced one runs again. */
  private async putBack(): Promise<boolean> {
    const { container } = this.settings;
    try {
      await this.docker.remove(stagingName(container));
      if (!(await this.docker.inspectContainer(container))) {
        if (!(await this.docker.inspectContainer(replacedName(container)))) return false;
        await this.docker.rename(replacedName(container), container);
      }
      await this.docker.start(container);
      return true;
    } catch {
      return false;
    }
  }

  /** Back to "nothing runs" (the environment's state before its first deploy). */
  private async removeAll(): Promise<RolloutHandle> {
    const rolloutId = newRolloutId(this.settings.container, this.now());
    await this.retire(await this.docker.inspectContainer(this.settings.container));
    return { rolloutId, revision: EMPTY_REVISION };
  }
}

function emptyRollout(id: string, state: RolloutSnapshot['state']): RolloutSnapshot {
  return {
    id,
    revisionId: '',
    revisionLabel: EMPTY_REVISION.label,
    primary: true,
    state,
    desired: 0,
    pending: 0,
    running: 0,
    failed: 0,
  };
}
