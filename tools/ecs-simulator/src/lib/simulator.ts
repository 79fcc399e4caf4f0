import { AwsError } from './aws-error';
import { buildWorld } from './build-world';
import { CallLog } from './call-log';
import { ScaledClock, type SimClock } from './clock';
import { ecrHandlers } from './ecr-api';
import { ecsHandlers, type Handler } from './ecs-api';
import { SERVICE_DEPLOYMENT_OPERATIONS, serviceDeploymentHandlers } from './service-deployment-api';
import { serviceToWire } from './ecs-wire';
import { FaultInjector } from './faults';
import type { FaultRule, Scenario, TimeJump } from './scenario';
import type { World } from './world';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';
export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921';

const SERVICES: Record<string, { name: 'ecs' | 'ecr'; handlers: Record<string, Handler> }> = {
  [ECS_TARGET_PREFIX]: { name: 'ecs', handlers: { ...ecsHandlers, ...serviceDeploymentHandlers } },
  [ECR_TARGET_PREFIX]: { name: 'ecr', handlers: ecrHandlers },
};

export const DEFAULT_MS_PER_SIM_SECOND = 10;

export interface SimulatorOptions {
  /** Overrides the scenario's speed factor. */
  msPerSimSecond?: number;
  /** Supplies the clock (tests pass a ManualClock); default a ScaledClock. */
  clockFactory?: (msPerSimSecond: number) => SimClock;
}

export type DispatchResult = { ok: true; body: unknown } | { ok: false; error: AwsError };

/** The simulated world plus what sits in front of it: fault injection and the call record. */
export class Simulator {
  world!: World;
  faults!: FaultInjector;
  private jumps: { jump: TimeJump; seen: number; done: boolean }[] = [];
  readonly calls = new CallLog();
  scenario!: Scenario;

  constructor(
    scenario: Scenario,
    private readonly options: SimulatorOptions = {},
  ) {
    this.load(scenario);
  }

  /** Replaces the world with a fresh one built from `scenario`; clock, faults and calls start over. */
  load(scenario: Scenario): void {
    const ms = this.options.msPerSimSecond ?? scenario.msPerSimSecond ?? DEFAULT_MS_PER_SIM_SECOND;
    const clock = this.options.clockFactory ? this.options.clockFactory(ms) : new ScaledClock(ms);
    this.world = buildWorld(scenario, clock);
    this.faults = new FaultInjector(scenario.faults);
    this.jumps = (scenario.timeJumps ?? []).map((jump) => ({ jump, seen: 0, done: false }));
    this.calls.clear();
    this.scenario = scenario;
  }

  get clock(): SimClock {
    return this.world.clock;
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  /** Answers one AWS JSON 1.1 call named by its `X-Amz-Target` header. */
  dispatch(target: string, input: Record<string, unknown>): DispatchResult {
    const [prefix, operation = ''] = target.split('.', 2);
    const service = Object.hasOwn(SERVICES, prefix) ? SERVICES[prefix] : undefined;
    this.world.catchUp();
    const result = this.answer(service, operation, input);
    this.calls.add({
      service: service?.name ?? 'ecs',
      operation,
      input,
      error: result.ok ? undefined : result.error.type,
      simTime: this.world.time,
      realTime: Date.now(),
    });
    this.jumpAfter(operation);
    return result;
  }

  /** The answer is already computed: the jump lands between this call and the client's next one. */
  private jumpAfter(operation: string): void {
    for (const state of this.jumps) {
      if (state.done || state.jump.afterOperation !== operation) continue;
      state.seen += 1;
      if (state.seen > (state.jump.skip ?? 0)) {
        state.done = true;
        this.clock.advance(state.jump.seconds);
      }
    }
  }

  private answer(
    service: (typeof SERVICES)[string] | undefined,
    operation: string,
    input: Record<string, unknown>,
  ): DispatchResult {
    const handler = service && Object.hasOwn(service.handlers, operation) ? service.handlers[operation] : undefined;
    const predatesApi =
      !this.world.options.serviceDeploymentsApi &&
      (SERVICE_DEPLOYMENT_OPERATIONS as readonly string[]).includes(operation);
    if (!service || !handler || predatesApi) {
      return {
        ok: false,
        error: new AwsError(
          'UnknownOperationException',
          `The ECS simulator does not implement ${service?.name ?? 'this service'}:${operation}`,
        ),
      };
    }
    const injected = this.faults.check(operation);
    if (injected) return { ok: false, error: injected };
    try {
      return { ok: true, body: handler(this.world, input) };
    } catch (thrown) {
      if (thrown instanceof AwsError) return { ok: false, error: thrown };
      throw thrown;
    }
  }

  /** Everything a test or a developer wants to see at once. */
  snapshot() {
    this.world.catchUp();
    const world = this.world;
    return {
      simTime: world.time,
      msPerSimSecond: world.clock.msPerSimSecond,
      services: [...world.services.values()].map((s) => serviceToWire(world, s, true)),
      taskDefinitions: [...world.taskDefinitions.values()].flat().map((td) => ({
        arn: td.arn,
        status: td.status,
        image: td.body.containerDefinitions[0]?.image,
        tags: td.tags,
      })),
      timeline: world.timeline,
      faults: this.faults.summary(),
    };
  }
}
