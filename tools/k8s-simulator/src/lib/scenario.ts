/** How the pods of a new ReplicaSet behave, keyed in a scenario by image tag, digest or `default`. */
export type PodBehaviour =
  /** Containers start after 1 s and turn ready `readyAfter` seconds later (default 5). */
  | { readonly kind: 'healthy'; readonly readyAfter?: number }
  /** The container runs `runFor` seconds (default 2), exits with `exitCode` (default 1), backs off 10 s, 20 s, … (cap 300). */
  | { readonly kind: 'crashLoop'; readonly exitCode?: number; readonly runFor?: number }
  /** The kubelet cannot pull the image: ErrImagePull, then ImagePullBackOff. */
  | { readonly kind: 'imagePullError' }
  /** Runs, never passes readiness: the rollout stalls until its progress deadline. */
  | { readonly kind: 'neverReady' };

export interface DeploymentSeed {
  readonly namespace: string;
  readonly name: string;
  readonly container: string;
  /** Repository path in the simulator's registry, e.g. `slipway/api`. */
  readonly repository: string;
  readonly replicas: number;
  /** Versions deployed so far, oldest first: one ReplicaSet each, the last one running. */
  readonly history: readonly string[];
  readonly progressDeadlineSeconds?: number;
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
  readonly paused?: boolean;
}

/** An API request the simulator answers with an error instead (RBAC denial, throttling, outage). */
export interface Fault {
  /** get, list, patch, … or `*`. */
  readonly verb?: string;
  /** deployments, replicasets, pods, namespaces, or `*`. */
  readonly resource?: string;
  readonly status: number;
  /** Let this many matching requests through first. */
  readonly skip?: number;
  /** Answer this many matching requests with the error (default: all). */
  readonly times?: number;
  readonly message?: string;
}

export interface Scenario {
  /** Namespaces that exist (default: those of the deployments). */
  readonly namespaces?: readonly string[];
  readonly deployments?: readonly DeploymentSeed[];
  /** Tags pushed to the registry per repository (default: the seeds' history plus v1.2.0 and v1.3.0). */
  readonly images?: Readonly<Record<string, readonly string[]>>;
  readonly rollouts?: Readonly<Record<string, PodBehaviour>>;
  /** `verb resource` pairs the credentials may not do (403 Forbidden), e.g. `patch deployments`. */
  readonly forbidden?: readonly string[];
  readonly faults?: readonly Fault[];
  /** Bearer token the API requires (default `sim-token`). */
  readonly token?: string;
  /** Simulated seconds before the controller acts on a change (default 0). */
  readonly controllerDelay?: number;
}

export class ScenarioError extends Error {}

const BEHAVIOURS = new Set(['healthy', 'crashLoop', 'imagePullError', 'neverReady']);

/** Checks a scenario read from JSON (the CLI, the control API) before it becomes a world. */
export function validateScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ScenarioError('a scenario is a JSON object');
  const scenario = input as Scenario;
  for (const [key, behaviour] of Object.entries(scenario.rollouts ?? {})) {
    if (!behaviour || !BEHAVIOURS.has((behaviour as PodBehaviour).kind)) {
      throw new ScenarioError(`rollouts.${key}.kind must be one of ${[...BEHAVIOURS].join(', ')}`);
    }
  }
  for (const seed of scenario.deployments ?? []) {
    if (!seed.name || !seed.namespace || !seed.container || !seed.repository || !(seed.history?.length > 0)) {
      throw new ScenarioError(
        `deployment seed ${JSON.stringify(seed.name)} needs namespace, name, container, repository and a non-empty history`,
      );
    }
  }
  for (const entry of scenario.forbidden ?? []) {
    if (!/^\S+ \S+$/.test(entry))
      throw new ScenarioError(`forbidden entry "${entry}" must be "<verb> <resource>", e.g. "patch deployments"`);
  }
  return scenario;
}
