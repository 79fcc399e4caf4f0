import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Arns, hex } from './ids';
import type {
  FaultRule,
  ReplaySpec,
  RolloutBehaviour,
  Scenario,
  ScenarioDeploymentConfiguration,
  ScenarioService,
  TimeJump,
} from './scenario';

/**
 * Ready-made worlds around the api service: repository `slipway/api` holding v1.0.0, v1.1.0 and
 * v1.2.0; task definition family `api` with revision 1 (v1.0.0) and 2 (v1.1.0); cluster
 * `sim-cluster` running service `api` on revision 2. Deploying v1.2.0 behaves as the preset says.
 */
export const SIM_CLUSTER = 'sim-cluster';
export const SIM_SERVICE = 'api';
export const SIM_CONTAINER = 'api';
export const SIM_REPOSITORY = 'slipway/api';
export const CURRENT_VERSION = 'v1.1.0';
export const PREVIOUS_VERSION = 'v1.0.0';
export const NEW_VERSION = 'v1.2.0';
/** Released but never deployed; `superseded` deploys it on top of NEW_VERSION. */
export const OTHER_VERSION = 'v1.3.0';

export interface ApiScenarioOptions {
  /** Behaviour of deploying NEW_VERSION (default healthy after 60 s). */
  rollout?: RolloutBehaviour;
  /** Behaviour of every other deployment (default healthy after 60 s). */
  defaultRollout?: RolloutBehaviour;
  circuitBreaker?: ScenarioService['circuitBreaker'];
  /** Strategy, bake, steps, hooks, alarms, early success of the api service. */
  deploymentConfiguration?: ScenarioDeploymentConfiguration;
  resourceManagementType?: ScenarioService['resourceManagementType'];
  stageSeconds?: number;
  alarmBakeSeconds?: number;
  /** False: an endpoint without the service-deployments API. */
  serviceDeploymentsApi?: boolean;
  replay?: ReplaySpec;
  desiredCount?: number;
  rollbackAfter?: number;
  faults?: FaultRule[];
  timeJumps?: TimeJump[];
  /** A deployment of NEW_VERSION already in progress at the start. */
  inProgress?: boolean;
  /** Leave NEW_VERSION out of ECR (the "missing tag" case). */
  withoutNewVersion?: boolean;
  /** Leave Slipway's tags off the task definitions, as if the service had been deployed by something else. */
  withoutSlipwayTags?: boolean;
  msPerSimSecond?: number;
}

/** The digest the api scenario gives a version's image. */
export const digestOf = (version: string) => `sha256:${hex(`${SIM_REPOSITORY}@${version}`, 64)}`;
/** The full commit sha of the build a version's image came from (tagged `sha-<commit>`, as the release pipeline does). */
export const commitOf = (version: string) => hex(`commit:${version}`, 40);

/** The tags Slipway writes on each revision it registers (see libs/deploy-provider-ecs task-definition.ts). */
function slipwayTags(version: string, revision: number): Record<string, string> {
  const previous: Record<string, string> =
    revision > 1
      ? {
          'slipway:previous-task-definition': new Arns('eu-west-1', '123456789012').taskDefinition('api', revision - 1),
        }
      : {};
  return {
    'slipway:version': version,
    'slipway:commit': commitOf(version),
    'slipway:digest': digestOf(version),
    ...previous,
  };
}

export function apiScenario(options: ApiScenarioOptions = {}): Scenario {
  const versions = [
    PREVIOUS_VERSION,
    CURRENT_VERSION,
    ...(options.withoutNewVersion ? [] : [NEW_VERSION]),
    OTHER_VERSION,
  ];
  const deployed = [
    PREVIOUS_VERSION,
    CURRENT_VERSION,
    ...(options.inProgress && !options.withoutNewVersion ? [NEW_VERSION] : []),
  ];
  const taskDefinitions = deployed.map((tag, i) => ({
    family: 'api',
    containerName: SIM_CONTAINER,
    repository: SIM_REPOSITORY,
    tag,
    tags: options.withoutSlipwayTags ? {} : slipwayTags(tag, i + 1),
  }));
  return {
    name: 'api',
    msPerSimSecond: options.msPerSimSecond,
    repositories: [
      {
        name: SIM_REPOSITORY,
        images: versions.map((version, i) => ({
          tags: [version, `sha-${commitOf(version)}`],
          digest: digestOf(version),
          pushedAt: new Date(Date.UTC(2026, 0, 10 + i)).toISOString(),
        })),
      },
    ],
    taskDefinitions,
    services: [
      {
        cluster: SIM_CLUSTER,
        name: SIM_SERVICE,
        desiredCount: options.desiredCount ?? 2,
        taskDefinition: 'api:2',
        circuitBreaker: options.circuitBreaker ?? { enable: true, rollback: true },
        deploymentConfiguration: options.deploymentConfiguration,
        resourceManagementType: options.resourceManagementType,
        stageSeconds: options.stageSeconds,
        alarmBakeSeconds: options.alarmBakeSeconds,
        rollbackAfter: options.rollbackAfter,
        ...(options.inProgress ? { inProgress: { taskDefinition: 'api:3', behaviour: { kind: 'stuck' } } } : {}),
      },
    ],
    rollouts: {
      ...(options.defaultRollout ? { default: options.defaultRollout } : {}),
      ...(options.rollout ? { [NEW_VERSION]: options.rollout } : {}),
    },
    faults: options.faults,
    timeJumps: options.timeJumps,
    serviceDeploymentsApi: options.serviceDeploymentsApi,
    replay: options.replay,
  };
}

/** The alarm the strategy presets watch. */
export const SIM_ALARM = 'api-5xx';
const alarms = { alarmNames: [SIM_ALARM], enable: true, rollback: true };

/**
 * The api service deployed with one of ECS's own strategies (`deploymentConfiguration` merged in):
 * blue/green with a 2-minute bake, linear in 3 steps of 34 % (1-minute step bakes), canary 10 %
 * (1-minute canary bake) then the rest; alarm `api-5xx` rolls back.
 */
export function strategyScenario(
  strategy: 'BLUE_GREEN' | 'LINEAR' | 'CANARY',
  options: ApiScenarioOptions = {},
): Scenario {
  const base: ScenarioDeploymentConfiguration = {
    strategy,
    bakeTimeInMinutes: 2,
    alarms,
    ...(strategy === 'LINEAR' ? { linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 1 } } : {}),
    ...(strategy === 'CANARY' ? { canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 } } : {}),
  };
  return apiScenario({
    rollout: { kind: 'healthy', after: 40 },
    ...options,
    deploymentConfiguration: { ...base, ...options.deploymentConfiguration },
  });
}

/** A PAUSE hook at `stage` (default POST_TEST_TRAFFIC_SHIFT) that waits `timeoutInMinutes`, then takes `action`. */
export function pauseHook(
  stage: NonNullable<
    ScenarioDeploymentConfiguration['lifecycleHooks']
  >[number]['lifecycleStages'][number] = 'POST_TEST_TRAFFIC_SHIFT',
  timeoutInMinutes = 60,
  action: 'CONTINUE' | 'ROLLBACK' = 'ROLLBACK',
): NonNullable<ScenarioDeploymentConfiguration['lifecycleHooks']>[number] {
  return { targetType: 'PAUSE', lifecycleStages: [stage], timeoutConfiguration: { timeoutInMinutes, action } };
}

/** The circuit-breaker rollback captured through DescribeServices (see fixtures/), replayed over an endpoint without the service-deployments API. */
export function circuitBreakerCaptureScenario(options: ApiScenarioOptions = {}): Scenario {
  const replay = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/circuit-breaker-rollback.capture.json'), 'utf8'),
  ) as ReplaySpec;
  return apiScenario({ rollout: { kind: 'stuck' }, serviceDeploymentsApi: false, replay, ...options });
}

/** Named presets for the CLI (`--scenario crash-loop`). */
export const PRESETS: Record<string, () => Scenario> = {
  healthy: () => apiScenario({ rollout: { kind: 'healthy', after: 60 } }),
  'crash-loop': () => apiScenario({ rollout: { kind: 'crashLoop', exitCode: 1 } }),
  'crash-loop-no-breaker': () =>
    apiScenario({ rollout: { kind: 'crashLoop', exitCode: 137 }, circuitBreaker: { enable: false, rollback: false } }),
  'image-pull-error': () => apiScenario({ rollout: { kind: 'imagePullError' } }),
  stuck: () => apiScenario({ rollout: { kind: 'stuck' } }),
  superseded: () => apiScenario({ rollout: { kind: 'superseded', at: 20, byTag: OTHER_VERSION } }),
  'in-progress': () => apiScenario({ inProgress: true }),
  'missing-tag': () => apiScenario({ withoutNewVersion: true }),
  'blue-green': () => strategyScenario('BLUE_GREEN'),
  'blue-green-alarm': () =>
    strategyScenario('BLUE_GREEN', {
      rollout: { kind: 'healthy', after: 40, alarm: { name: SIM_ALARM, during: 'BAKE_TIME', after: 30 } },
    }),
  linear: () => strategyScenario('LINEAR'),
  canary: () => strategyScenario('CANARY'),
  'canary-alarm': () =>
    strategyScenario('CANARY', {
      rollout: {
        kind: 'healthy',
        after: 40,
        alarm: { name: SIM_ALARM, during: 'PRODUCTION_TRAFFIC_SHIFT', after: 20 },
      },
    }),
  'pause-hook': () => strategyScenario('BLUE_GREEN', { deploymentConfiguration: { lifecycleHooks: [pauseHook()] } }),
  'rolling-alarms': () =>
    apiScenario({
      rollout: { kind: 'healthy', after: 60 },
      deploymentConfiguration: { alarms },
      alarmBakeSeconds: 120,
    }),
  'rolling-early-success': () =>
    apiScenario({
      desiredCount: 4,
      rollout: { kind: 'healthy', after: 60 },
      deploymentConfiguration: {
        minimumHealthyPercent: 50,
        earlySuccessCriteria: { enable: true, healthyPercent: 50 },
      },
    }),
  'no-deployments-api': () => apiScenario({ rollout: { kind: 'healthy', after: 60 }, serviceDeploymentsApi: false }),
  express: () => apiScenario({ resourceManagementType: 'ECS' }),
  'circuit-breaker-capture': () => circuitBreakerCaptureScenario(),
  throttled: () =>
    apiScenario({ faults: [{ operation: 'DescribeServices', error: 'ThrottlingException', skip: 2, times: 5 }] }),
  'access-denied': () => apiScenario({ faults: [{ operation: 'UpdateService', error: 'AccessDeniedException' }] }),
};
