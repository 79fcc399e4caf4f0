/**
 * The contract between the engine (phases, policy, reporting) and a platform: ECS, Kubernetes and
 * a local Docker engine implement it. Providers do I/O and translate platform shapes into these
 * neutral ones; every decision (fail fast? superseded? roll back?) is taken by the engine.
 *
 * Vocabulary:
 * - revision: an immutable description of what runs (ECS task definition revision,
 *   Kubernetes ReplicaSet/pod template, local container spec). Identified by `id`.
 * - rollout: one attempt to move the target to a revision (ECS deployment, Kubernetes
 *   Deployment rollout, local container replacement). Identified by `id`.
 */

import type { DeploymentPolicy, HookDecision, PlatformDeployment } from './platform-deployment';

/** Settings of one environment after flag overrides: provider-specific string values. */
export type EnvironmentSettings = Readonly<Record<string, string>>;

export interface SettingSpec {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
}

export interface ProviderContext {
  /** Environment name (`staging`), for messages. */
  readonly environment: string;
  /** Process environment; providers read their platform's standard variables from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ProviderFactory {
  /** Value of `provider` in the deploy config: `ecs`, `kubernetes`, `local`. */
  readonly name: string;
  /** Keys of an environment this provider reads; each can be overridden by a flag of that name. */
  readonly settings: readonly SettingSpec[];
  /** Pure: problems with the settings (empty when valid). Runs before any remote call. */
  validate(settings: EnvironmentSettings): string[];
  create(settings: EnvironmentSettings, context: ProviderContext): DeployProvider;
}

export interface ResolvedImage {
  /** The release tag asked for, e.g. `v1.2.0`. */
  readonly version: string;
  readonly repository: string;
  /** `sha256:<hex>`. */
  readonly digest: string;
  /** What the platform pulls: `<repositoryUri>@sha256:<hex>`. */
  readonly reference: string;
  /** Every tag on the same digest (the release tag, `sha-<commit>`, …). */
  readonly tags: readonly string[];
  /** Full commit sha read from a `sha-<commit>` tag on the same digest, when present. */
  readonly commit?: string;
  readonly pushedAt?: Date;
}

export type ImageResolution =
  | { readonly found: true; readonly image: ResolvedImage }
  | { readonly found: false; readonly repository: string; readonly existingTags: readonly string[] };

export interface RevisionRef {
  /** Platform id (ECS task definition ARN, Kubernetes ReplicaSet name, local pinned image reference). */
  readonly id: string;
  /** Short human label (`api:42`). */
  readonly label: string;
  /** Image reference of the deployed container. */
  readonly image: string;
  /** Release version recorded on the revision by Slipway, if it was deployed by Slipway. */
  readonly version?: string;
  readonly commit?: string;
  /** Revision Slipway replaced when it deployed this one (for `rollback` without `--to`). */
  readonly previousId?: string;
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface RolloutSnapshot {
  readonly id: string;
  /** Revision id this rollout moves to. */
  readonly revisionId: string;
  readonly revisionLabel: string;
  /** The rollout the platform is driving towards (ECS PRIMARY). */
  readonly primary: boolean;
  readonly state: RolloutState;
  readonly reason?: string;
  readonly desired: number;
  readonly pending: number;
  readonly running: number;
  /** Consecutive failed tasks as the platform counts them. */
  readonly failed: number;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
}

export interface TargetEvent {
  readonly id: string;
  readonly at: Date;
  readonly message: string;
}

/** Why a task of the watched rollout stopped, as far as the engine cares. */
export type StopCategory = 'pull' | 'init' | 'essential-exit' | 'health' | 'benign' | 'other';

export interface StoppedTask {
  readonly id: string;
  readonly category: StopCategory;
  readonly reason: string;
  readonly code?: string;
  readonly containers: ReadonlyArray<{ readonly name: string; readonly exitCode?: number; readonly reason?: string }>;
  readonly stoppedAt?: Date;
}

export interface TargetState {
  /** `ACTIVE` when usable; anything else is a pre-flight failure. */
  readonly status: string;
  /** What the target is configured to run now (ECS: service.taskDefinition). */
  readonly current: RevisionRef;
  /**
   * What the target last completed a rollout to: the rollback target. Equals `current`
   * unless a rollout is in progress.
   */
  readonly stable: RevisionRef;
  readonly rollouts: readonly RolloutSnapshot[];
  /** Newest first, as platforms list them. */
  readonly events: readonly TargetEvent[];
  /** The platform rolls back failed rollouts itself (ECS circuit breaker with rollback). */
  readonly platformRollback: boolean;
  /** How the target deploys (strategy, stages, hooks), when the platform says. */
  readonly policy?: DeploymentPolicy;
  /** The platform deployment under way when the target was read, if any. */
  readonly inFlight?: PlatformDeployment;
}

export interface RevisionChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

export interface ReleasePlan {
  readonly image: ResolvedImage;
  readonly current: RevisionRef;
  readonly stable: RevisionRef;
  /** Label of the revision that will be created (`api:(new)`), for dry runs. */
  readonly nextLabel: string;
  /** Everything that differs between current and new; only the image and Slipway tags, by design. */
  readonly changes: readonly RevisionChange[];
  /** Provider-specific facts for the dry-run printout (`service: api`, `cluster: …`). */
  readonly facts: ReadonlyArray<readonly [string, string]>;
}

export interface RolloutHandle {
  readonly rolloutId: string;
  readonly revision: RevisionRef;
}

export interface Observation {
  readonly status: string;
  readonly rollouts: readonly RolloutSnapshot[];
  /** Newest first. */
  readonly events: readonly TargetEvent[];
  /** Stopped tasks of the watched rollout (all of them; the engine tracks which are new). */
  readonly stoppedTasks: readonly StoppedTask[];
  /** The platform's own deployment object for the watched rollout, once found. */
  readonly deployment?: PlatformDeployment;
  /** Things to say once (e.g. that the platform's deployment object cannot be followed here). */
  readonly notices?: readonly string[];
}

/**
 * A live feed of a rollout's changes, for a platform that pushes them (Kubernetes watches). The
 * watch phase opens one when it starts watching, looks as soon as it says something changed
 * (instead of only at its interval), and closes it when it stops.
 */
export interface RolloutFollower {
  /** Resolves at the next change the platform pushes, or when `signal` aborts; never rejects. */
  nextChange(signal: AbortSignal): Promise<void>;
  close(): void;
}

export interface EnvironmentStatus {
  readonly current: RevisionRef;
  readonly digest?: string;
  readonly rollout?: RolloutSnapshot;
  readonly rollouts: readonly RolloutSnapshot[];
  /** When the primary rollout last changed state. */
  readonly since?: Date;
}

export interface DeployProvider<Plan extends ReleasePlan = ReleasePlan> {
  /** `ECS service api in cluster slipway-production (eu-west-1)`. */
  readonly description: string;
  /** Commands to inspect the target by hand, printed when interrupted. */
  inspectCommands(): string[];

  resolveImage(version: string): Promise<ImageResolution>;
  readTarget(): Promise<TargetState>;
  /** Builds the new revision from the current one with only the image (and Slipway tags) changed. */
  plan(target: TargetState, image: ResolvedImage): Promise<Plan>;
  /**
   * Registers the revision and starts the rollout; returns the rollout this call created.
   * If starting fails after the revision was created, throw `ApplyIncompleteError` naming it (the
   * report then says exactly what changed); any other error means nothing was created.
   */
  apply(plan: Plan): Promise<RolloutHandle>;
  /** Starts a rollout back to an existing revision (never deletes anything). */
  restore(revision: RevisionRef): Promise<RolloutHandle>;
  observe(rollout: RolloutHandle): Promise<Observation>;
  /**
   * Optional: follow the rollout as the platform pushes changes (undefined: this one cannot be,
   * so the watch phase polls). `observe()` stays the way to look; a provider may answer it from
   * what it follows.
   */
  follow?(rollout: RolloutHandle): RolloutFollower | undefined;
  /** Reads a revision by id (walks the `previousId` chain for `rollback`). */
  readRevision(id: string): Promise<RevisionRef>;
  status(): Promise<EnvironmentStatus>;

  /** Platforms with a deployment object (`TargetState.policy.followable`) offer these too. */
  /** Answers a hook the deployment waits at (ECS ContinueServiceDeployment). */
  continueDeployment?(deploymentId: string, hookId: string, decision: HookDecision): Promise<void>;
  /** Asks the platform to roll an ongoing deployment back (ECS StopServiceDeployment ROLLBACK). */
  stopDeployment?(deploymentId: string): Promise<void>;
  /** A handle to watch a deployment someone else (or an earlier run) started. */
  followDeployment?(deployment: PlatformDeployment): Promise<RolloutHandle>;
}
