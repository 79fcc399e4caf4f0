import { ScaledClock, type SimClock } from '@slipway/ecs-simulator';
import { ApiServer, type ApiAnswer, type ApiRequest } from './api-server';
import { CallLog } from './call-log';
import { FakeOciRegistry, type RegistryAnswer } from './registry';
import type { Scenario } from './scenario';
import { World } from './world';

export interface SimulatorOptions {
  /** Real milliseconds per simulated second (default 10: a 60 s rollout takes 0.6 s). */
  readonly msPerSimSecond?: number;
  readonly clock?: SimClock;
}

/** World + registry + API server + call log for one scenario; `reset` replaces the world. */
export class K8sSimulator {
  readonly calls = new CallLog();
  readonly clock: SimClock;
  registry!: FakeOciRegistry;
  world!: World;
  api!: ApiServer;

  constructor(
    scenario: Scenario,
    readonly registryHost: string,
    options: SimulatorOptions = {},
  ) {
    this.clock = options.clock ?? new ScaledClock(options.msPerSimSecond ?? 10);
    this.reset(scenario);
  }

  reset(scenario: Scenario): void {
    this.registry = new FakeOciRegistry();
    for (const [repository, tags] of Object.entries(scenario.images ?? {}))
      for (const tag of tags) this.registry.push(repository, tag);
    this.world = new World(this.clock, scenario, this.registry, this.registryHost);
    this.api = new ApiServer(this.world, this.calls);
  }

  handleApi(request: ApiRequest): ApiAnswer {
    return this.api.handle(request);
  }

  handleRegistry(method: string, path: string, query: Readonly<Record<string, string>>): RegistryAnswer {
    const answer = this.registry.handle(method, path);
    this.calls.add({
      method,
      path,
      verb: 'registry',
      resource: 'registry',
      query,
      status: answer.status,
      simTime: this.world.now,
    });
    return answer;
  }

  /** Everything a test asserts on: objects as the API serves them. */
  snapshot() {
    this.world.advance();
    const namespaces = [...this.world.namespaces];
    return {
      now: this.world.now,
      deployments: [...this.world.deployments.values()],
      replicaSets: namespaces.flatMap((ns) => this.world.replicaSetsIn(ns)),
      pods: namespaces.flatMap((ns) => this.world.podsIn(ns)),
    };
  }
}
