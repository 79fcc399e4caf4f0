import type { DeploymentSeed, PodBehaviour, Scenario } from './scenario';

export const SIM_NAMESPACE = 'slipway';
export const SIM_DEPLOYMENT = 'api';
export const SIM_REPOSITORY = 'slipway/api';
/** Running in every preset: revision 2 of `api`. */
export const RUNNING_VERSION = 'v1.1.0';
/** What the tests deploy; the preset's rollout behaviour applies to it. */
export const NEW_VERSION = 'v1.2.0';
export const RELEASED_VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'];

export interface ApiScenarioOptions {
  /** How pods of v1.2.0 behave (default healthy). */
  readonly rollout?: PodBehaviour;
  readonly seed?: Partial<DeploymentSeed>;
  readonly forbidden?: readonly string[];
  readonly faults?: Scenario['faults'];
  readonly namespaces?: readonly string[];
  readonly controllerDelay?: number;
  /** Leave the Deployment out (the namespace still exists). */
  readonly withoutDeployment?: boolean;
}

/**
 * Namespace `slipway`, Deployment `api` (2 replicas, RollingUpdate maxSurge 1 / maxUnavailable 0,
 * progress deadline 60 s) at revision 2 = v1.1.0 after revision 1 = v1.0.0, both recorded by
 * Slipway; registry repository `slipway/api` holding v1.0.0 … v1.3.0.
 */
export function apiScenario(options: ApiScenarioOptions = {}): Scenario {
  const seed: DeploymentSeed = {
    namespace: SIM_NAMESPACE,
    name: SIM_DEPLOYMENT,
    container: 'api',
    repository: SIM_REPOSITORY,
    replicas: 2,
    history: ['v1.0.0', RUNNING_VERSION],
    progressDeadlineSeconds: 60,
    maxSurge: 1,
    maxUnavailable: 0,
    ...options.seed,
  };
  return {
    namespaces: options.namespaces ?? [SIM_NAMESPACE],
    deployments: options.withoutDeployment ? [] : [seed],
    images: { [SIM_REPOSITORY]: RELEASED_VERSIONS },
    rollouts: options.rollout ? { [NEW_VERSION]: options.rollout } : {},
    forbidden: options.forbidden,
    faults: options.faults,
    controllerDelay: options.controllerDelay,
  };
}

/** Named presets for `serve --scenario <name>`. */
export const PRESETS: Readonly<Record<string, () => Scenario>> = {
  healthy: () => apiScenario(),
  'crash-loop': () => apiScenario({ rollout: { kind: 'crashLoop', exitCode: 1 } }),
  'image-pull-error': () => apiScenario({ rollout: { kind: 'imagePullError' } }),
  'progress-deadline': () => apiScenario({ rollout: { kind: 'neverReady' } }),
  forbidden: () => apiScenario({ forbidden: ['patch deployments'] }),
  'missing-deployment': () => apiScenario({ withoutDeployment: true }),
  'missing-namespace': () => apiScenario({ withoutDeployment: true, namespaces: [] }),
};
