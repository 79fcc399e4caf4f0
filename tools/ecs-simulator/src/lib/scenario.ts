/**
 * A scenario is the whole simulated world: what exists in ECR and ECS at the start, how each new
 * deployment behaves, and which faults to inject. It is plain JSON so a developer can keep one in a
 * file and start the simulator on it (`cli.ts --scenario file.json`).
 */

import {
  HOOK_STAGES,
  LIFECYCLE_STAGES,
  STRATEGIES,
  type CircuitBreakerSettings,
  type DeploymentSettings,
  type LifecycleStage,
} from './service-deployment-model';

/**
 * A CloudWatch alarm of the service's `alarms` going into ALARM: `after` s into stage `during`
 * (blue/green, linear, canary), or `after` s after the deployment was created (rolling, or no `during`).
 */
export interface AlarmTrigger {
  name: string;
  during?: LifecycleStage;
  after?: number;
}

/** How a deployment behaves once created. Times are simulated seconds after its creation. */
export type RolloutBehaviour =
  /**
   * Tasks start at once, run at `after / 2`, deployment COMPLETED at `after` (default 60). With
   * blue/green, linear or canary, `after / 2` is how long SCALE_UP takes. `alarm` fires an alarm.
   */
  | { kind: 'healthy'; after?: number; alarm?: AlarmTrigger }
  /**
   * Every `taskInterval` s (default 10) ECS starts `desiredCount` tasks that run `runFor` s (default
   * 4) and exit with `exitCode` (default 1); with `healthyEvery: n`, every n-th task stays up instead.
   */
  | { kind: 'crashLoop'; exitCode?: number; taskInterval?: number; runFor?: number; healthyEvery?: number }
  /** Every `taskInterval` s (default 10) ECS starts tasks that stop 2 s later with CannotPullContainerError. */
  | { kind: 'imagePullError'; taskInterval?: number; reason?: string }
  /** Tasks stay PENDING forever; the deployment never finishes. */
  | { kind: 'stuck' }
  /** Tasks stay PENDING; at `at` s someone else deploys (image `byTag` if given, else the same task definition). */
  | { kind: 'superseded'; at: number; byTag?: string };

export type RolloutKind = RolloutBehaviour['kind'];

/** Answer calls to `operation` with error `error`: skip the first `skip` calls, then fail `times` calls (default: all). */
export interface FaultRule {
  operation: string;
  error: string;
  message?: string;
  times?: number;
  skip?: number;
  httpStatus?: number;
}

/**
 * Jump the clock `seconds` forward right after answering the (skip+1)-th call to `afterOperation`.
 * Lets a test put a transition between two polls of a client, never in the middle of one (where
 * the client would read part of a poll before it and part after).
 */
export interface TimeJump {
  afterOperation: string;
  skip?: number;
  seconds: number;
}

export interface ScenarioImage {
  tags: string[];
  /** Defaults to a digest derived from the repository and tags. */
  digest?: string;
  /** ISO timestamp; defaults to one hour before the simulation starts. */
  pushedAt?: string;
  sizeInBytes?: number;
  /** `os/arch` entries of the image index; default `linux/amd64`. */
  platforms?: string[];
}

export interface ScenarioRepository {
  name: string;
  images?: ScenarioImage[];
}

export interface ScenarioTaskDefinition {
  family: string;
  /** Name of the (single) container; default `api`. */
  containerName?: string;
  /** With `tag`: the image is `<repositoryUri>@<digest of tag>` (digest-pinned, as Slipway registers it). */
  repository?: string;
  tag?: string;
  /** A literal image reference instead of repository + tag. */
  image?: string;
  tags?: Record<string, string>;
}

/** The service's `deploymentConfiguration` beyond the circuit breaker, in the API's shape. */
export type ScenarioDeploymentConfiguration = Partial<DeploymentSettings> & {
  deploymentCircuitBreaker?: CircuitBreakerSettings;
};

export interface ScenarioService {
  cluster: string;
  name: string;
  desiredCount?: number;
  /** `family` (latest revision) or `family:revision` among `taskDefinitions`. */
  taskDefinition: string;
  /** Default: enabled with rollback. */
  circuitBreaker?: CircuitBreakerSettings;
  /**
   * Strategy (default ROLLING), bake, linear/canary steps, lifecycle hooks, alarms, early success.
   * A scenario may describe settings ECS itself would refuse (a PAUSE hook at TEST_TRAFFIC_SHIFT),
   * so that clients' checks of them can be tested.
   */
  deploymentConfiguration?: ScenarioDeploymentConfiguration;
  /** `ECS`: an Express Mode service. Default `CUSTOMER`. */
  resourceManagementType?: 'CUSTOMER' | 'ECS';
  /** Seconds a lifecycle stage with nothing to wait for lasts; default 3. */
  stageSeconds?: number;
  /** Seconds ECS bakes a steady rolling deployment when alarms are on; default 120. */
  alarmBakeSeconds?: number;
  /** Seconds an ECS circuit-breaker rollback takes to complete; default 30. */
  rollbackAfter?: number;
  tags?: Record<string, string>;
  /** A deployment already under way when the simulation starts. */
  inProgress?: { taskDefinition: string; behaviour?: RolloutBehaviour };
}

export interface Scenario {
  name?: string;
  description?: string;
  region?: string;
  accountId?: string;
  /** Real milliseconds per simulated second; default 10 (a 2-minute rollout takes 1.2 s). */
  msPerSimSecond?: number;
  /** ISO timestamp of simulated second 0; default: the real time the scenario is loaded. */
  startTime?: string;
  /** Clusters without services; clusters named by services exist anyway. */
  clusters?: string[];
  repositories?: ScenarioRepository[];
  /** Registered in order, so revisions count up per family. */
  taskDefinitions?: ScenarioTaskDefinition[];
  services?: ScenarioService[];
  /** Behaviour of new deployments, by image tag or digest of their first container, else `default` (healthy after 60 s). */
  rollouts?: Record<string, RolloutBehaviour>;
  faults?: FaultRule[];
  timeJumps?: TimeJump[];
  /**
   * Default true. False: an endpoint from before the service-deployments API (2024-10): its five
   * operations answer UnknownOperationException and services carry no `currentServiceDeployment`.
   */
  serviceDeploymentsApi?: boolean;
  /** Serve a captured `DescribeServices` sequence instead of the model's, from the client's UpdateService on. */
  replay?: ReplaySpec;
}

/**
 * `DescribeServices` answers recorded on a live account, replayed by simulated time after the
 * client's UpdateService. In `deployments` and `events`, `{{NEW_ID}}`/`{{NEW_TD}}` stand for the
 * client's deployment and task definition, `{{OLD_ID}}`/`{{OLD_TD}}` for the one it replaced, and
 * `{{OTHER_ID}}` for a deployment id of ECS's own that the capture shows nowhere else.
 */
export interface ReplaySpec {
  source: string;
  frames: ReplayFrame[];
}

export interface ReplayFrame {
  /** Simulated seconds after the client's UpdateService. */
  at: number;
  deployments: Record<string, unknown>[];
  /** Events new in this frame, newest first. */
  events?: string[];
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(`Invalid scenario: ${message}`);
    this.name = 'ScenarioError';
  }
}

const KINDS: readonly RolloutKind[] = ['healthy', 'crashLoop', 'imagePullError', 'stuck', 'superseded'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function expectArray(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ScenarioError(`${where} must be an array`);
  return value;
}

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new ScenarioError(`${where} must be a non-empty string`);
  return value;
}

function expectOptionalNumber(value: unknown, where: string, min = 0): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < min)) {
    throw new ScenarioError(`${where} must be a number >= ${min}`);
  }
}

export function validateBehaviour(value: unknown, where: string): RolloutBehaviour {
  if (!isObject(value)) throw new ScenarioError(`${where} must be an object with a "kind"`);
  if (!KINDS.includes(value['kind'] as RolloutKind)) {
    throw new ScenarioError(`${where}.kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(value['kind'])}`);
  }
  for (const key of ['after', 'exitCode', 'taskInterval', 'runFor', 'at']) {
    expectOptionalNumber(value[key], `${where}.${key}`, key === 'taskInterval' || key === 'runFor' ? 0.001 : 0);
  }
  expectOptionalNumber(value['healthyEvery'], `${where}.healthyEvery`, 1);
  const alarm = value['alarm'];
  if (alarm !== undefined) {
    if (!isObject(alarm)) throw new ScenarioError(`${where}.alarm must be an object`);
    expectString(alarm['name'], `${where}.alarm.name`);
    expectOptionalNumber(alarm['after'], `${where}.alarm.after`);
    if (alarm['during'] !== undefined) expectOneOf(alarm['during'], LIFECYCLE_STAGES, `${where}.alarm.during`);
  }
  if (value['kind'] === 'superseded' && typeof value['at'] !== 'number') {
    throw new ScenarioError(`${where}.at is required for kind "superseded" (seconds after the deployment starts)`);
  }
  return value as unknown as RolloutBehaviour;
}

function expectOneOf<T>(value: unknown, allowed: readonly T[], where: string): T {
  if (!allowed.includes(value as T))
    throw new ScenarioError(`${where} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function validateDeploymentConfiguration(value: unknown, where: string): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new ScenarioError(`${where} must be an object`);
  if (value['strategy'] !== undefined) expectOneOf(value['strategy'], STRATEGIES, `${where}.strategy`);
  expectOptionalNumber(value['bakeTimeInMinutes'], `${where}.bakeTimeInMinutes`);
  expectArray(value['lifecycleHooks'], `${where}.lifecycleHooks`).forEach((hook, i) => {
    if (!isObject(hook)) throw new ScenarioError(`${where}.lifecycleHooks[${i}] must be an object`);
    expectArray(hook['lifecycleStages'], `${where}.lifecycleHooks[${i}].lifecycleStages`).forEach((stage, j) =>
      expectOneOf(stage, HOOK_STAGES, `${where}.lifecycleHooks[${i}].lifecycleStages[${j}]`),
    );
  });
  const alarms = value['alarms'];
  if (alarms !== undefined && (!isObject(alarms) || !Array.isArray(alarms['alarmNames'])))
    throw new ScenarioError(`${where}.alarms needs alarmNames, enable and rollback`);
}

function validateFault(value: unknown, where: string): FaultRule {
  if (!isObject(value)) throw new ScenarioError(`${where} must be an object`);
  expectString(value['operation'], `${where}.operation`);
  expectString(value['error'], `${where}.error`);
  expectOptionalNumber(value['times'], `${where}.times`);
  expectOptionalNumber(value['skip'], `${where}.skip`);
  expectOptionalNumber(value['httpStatus'], `${where}.httpStatus`, 400);
  return value as unknown as FaultRule;
}

/** Checks the shape of a scenario read from JSON, naming the first problem it finds. */
export function validateScenario(input: unknown): Scenario {
  if (!isObject(input)) throw new ScenarioError('the scenario must be a JSON object');
  expectOptionalNumber(input['msPerSimSecond'], 'msPerSimSecond', 0.001);
  if (input['startTime'] !== undefined && Number.isNaN(Date.parse(String(input['startTime'])))) {
    throw new ScenarioError('startTime must be an ISO timestamp');
  }
  expectArray(input['clusters'], 'clusters').forEach((c, i) => expectString(c, `clusters[${i}]`));
  expectArray(input['repositories'], 'repositories').forEach((r, i) => {
    if (!isObject(r)) throw new ScenarioError(`repositories[${i}] must be an object`);
    expectString(r['name'], `repositories[${i}].name`);
    expectArray(r['images'], `repositories[${i}].images`).forEach((img, j) => {
      if (!isObject(img) || !Array.isArray(img['tags'])) {
        throw new ScenarioError(`repositories[${i}].images[${j}].tags must be an array of tags`);
      }
    });
  });
  expectArray(input['taskDefinitions'], 'taskDefinitions').forEach((td, i) => {
    if (!isObject(td)) throw new ScenarioError(`taskDefinitions[${i}] must be an object`);
    expectString(td['family'], `taskDefinitions[${i}].family`);
    if (td['image'] === undefined && (td['repository'] === undefined || td['tag'] === undefined)) {
      throw new ScenarioError(`taskDefinitions[${i}] needs "image", or "repository" and "tag"`);
    }
  });
  expectArray(input['services'], 'services').forEach((s, i) => {
    if (!isObject(s)) throw new ScenarioError(`services[${i}] must be an object`);
    expectString(s['cluster'], `services[${i}].cluster`);
    expectString(s['name'], `services[${i}].name`);
    expectString(s['taskDefinition'], `services[${i}].taskDefinition`);
    expectOptionalNumber(s['desiredCount'], `services[${i}].desiredCount`);
    expectOptionalNumber(s['rollbackAfter'], `services[${i}].rollbackAfter`);
    expectOptionalNumber(s['stageSeconds'], `services[${i}].stageSeconds`);
    expectOptionalNumber(s['alarmBakeSeconds'], `services[${i}].alarmBakeSeconds`);
    validateDeploymentConfiguration(s['deploymentConfiguration'], `services[${i}].deploymentConfiguration`);
    const inProgress = s['inProgress'];
    if (inProgress !== undefined) {
      if (!isObject(inProgress)) throw new ScenarioError(`services[${i}].inProgress must be an object`);
      expectString(inProgress['taskDefinition'], `services[${i}].inProgress.taskDefinition`);
      if (inProgress['behaviour'] !== undefined)
        validateBehaviour(inProgress['behaviour'], `services[${i}].inProgress.behaviour`);
    }
  });
  const rollouts = input['rollouts'];
  if (rollouts !== undefined) {
    if (!isObject(rollouts))
      throw new ScenarioError('rollouts must be an object keyed by image tag, digest or "default"');
    for (const [key, behaviour] of Object.entries(rollouts))
      validateBehaviour(behaviour, `rollouts[${JSON.stringify(key)}]`);
  }
  expectArray(input['faults'], 'faults').forEach((f, i) => validateFault(f, `faults[${i}]`));
  expectArray(input['timeJumps'], 'timeJumps').forEach((jump, i) => {
    if (!isObject(jump)) throw new ScenarioError(`timeJumps[${i}] must be an object`);
    expectString(jump['afterOperation'], `timeJumps[${i}].afterOperation`);
    expectOptionalNumber(jump['skip'], `timeJumps[${i}].skip`);
    if (typeof jump['seconds'] !== 'number' || !(jump['seconds'] > 0))
      throw new ScenarioError(`timeJumps[${i}].seconds must be a positive number`);
  });
  const replay = input['replay'];
  if (replay !== undefined && (!isObject(replay) || !Array.isArray(replay['frames']) || replay['frames'].length === 0))
    throw new ScenarioError('replay needs a non-empty frames array');
  return input as Scenario;
}
