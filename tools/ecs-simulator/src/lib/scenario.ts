/**
 * A scenario is the whole simulated world: what exists in ECR and ECS at the start, how each new
 * deployment behaves, and which faults to inject. It is plain JSON so a developer can keep one in a
 * file and start the simulator on it (`cli.ts --scenario file.json`).
 */

/** How a deployment behaves once created. Times are simulated seconds after its creation. */
export type RolloutBehaviour =
  /** Tasks start at once, run at `after / 2`, deployment COMPLETED at `after` (default 60). */
  | { kind: 'healthy'; after?: number }
  /** Every `taskInterval` s (default 10) ECS starts `desiredCount` tasks that run `runFor` s (default 4) and exit with `exitCode` (default 1). */
  | { kind: 'crashLoop'; exitCode?: number; taskInterval?: number; runFor?: number }
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

export interface ScenarioService {
  cluster: string;
  name: string;
  desiredCount?: number;
  /** `family` (latest revision) or `family:revision` among `taskDefinitions`. */
  taskDefinition: string;
  /** Default: enabled with rollback. */
  circuitBreaker?: { enable: boolean; rollback: boolean };
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
  if (value['kind'] === 'superseded' && typeof value['at'] !== 'number') {
    throw new ScenarioError(`${where}.at is required for kind "superseded" (seconds after the deployment starts)`);
  }
  return value as unknown as RolloutBehaviour;
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
  return input as Scenario;
}
