import { ScaledClock, type SimClock } from '@slipway/ecs-simulator';
import { ApiServer, type ApiAnswer, type ApiRequest } from './api-server';
import { CallLog } from './call-log';
import { FakeOciRegistry, type RegistryAnswer } from './registry';
import type { Scenario } from './scenario';
import { WatchCache } from './watch-cache';
import { World } from './world';

export interface SimulatorOptions {
  /** Real milliseconds per simulated second (default 10: a 60 s rollout takes 0.6 s). */
  readonly msPerSimSecond?: number;
  /** A clock the caller moves (a ManualClock); the world then changes only when asked. */
  readonly clock?: SimClock;
}

/**
 * World + registry + watch cache + API server + call log for one scenario; `reset` replaces the
 * world. On its own scaled clock the world moves on by itself: each transition happens when it is
 * due, so watches see it then, as they would on a cluster, without a request to prompt it.
 */
export class K8sSimulator {
  readonly calls = new CallLog();
  readonly clock: SimClock;
  registry!: FakeOciRegistry;
  world!: World;
  cache!: WatchCache;
  api!: ApiServer;
  private readonly selfDriven: boolean;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    scenario: Scenario,
    readonly registryHost: string,
    options: SimulatorOptions = {},
  ) {
    this.clock = options.clock ?? new ScaledClock(options.msPerSimSecond ?? 10);
    this.selfDriven = options.clock === undefined;
    this.reset(scenario);
  }

  reset(scenario: Scenario): void {
    this.registry = new FakeOciRegistry();
    for (const [repository, tags] of Object.entries(scenario.images ?? {}))
      for (const tag of tags) this.registry.push(repository, tag);
    this.cache?.close();
    // On its own clock, timestamps start now, so kubectl (which ages events by its own clock) reads them right.
    const epoch = this.selfDriven ? Math.floor(this.clock.realTimeOf(0) / 1000) * 1000 : undefined;
    this.world = new World(this.clock, scenario, this.registry, this.registryHost, epoch);
    this.cache = new WatchCache(this.world);
    this.cache.afterSync = () => this.armClock();
    this.api = new ApiServer(this.world, this.cache, this.calls);
    this.armClock();
  }

  /** Ends every watch and stops the clock. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.cache.close();
  }

  /** Wakes up when the next transition is due (after each sync, which may have scheduled more). */
  private armClock(): void {
    if (!this.selfDriven || this.stopped) return;
    clearTimeout(this.timer);
    const next = this.world.scheduler.nextAt;
    if (next === undefined) return;
    const delay = Math.max(1, Math.ceil(this.clock.realTimeOf(next) - Date.now()));
    this.timer = setTimeout(() => this.cache.refresh(), delay);
    this.timer.unref();
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
    this.cache.refresh();
    const namespaces = [...this.world.namespaces];
    return {
      now: this.world.now,
      deployments: [...this.world.deployments.values()],
      replicaSets: namespaces.flatMap((ns) => this.world.replicaSetsIn(ns)),
      pods: namespaces.flatMap((ns) => this.world.podsIn(ns)),
    };
  }
}
