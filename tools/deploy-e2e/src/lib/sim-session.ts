import { startSimulator, type CallRecord, type RunningSimulator, type Scenario } from '@slipway/ecs-simulator';
import { runNx, SIM_CONFIG, type DeployTarget, type NxRun, type NxRunOptions } from './nx-run';

/** Real milliseconds per simulated second in the end-to-end runs: a 60 s rollout takes 0.6 s. */
export const E2E_MS_PER_SIM_SECOND = 10;
/** The engine's default poll interval (3.5 s), scaled like the simulator's clock. */
export const E2E_POLL_INTERVAL = `${3.5 * E2E_MS_PER_SIM_SECOND}ms`;

export interface SessionRun extends NxRun {
  /** Every API call the run made, in order. */
  calls: CallRecord[];
  /** `RegisterTaskDefinition`, `UpdateService(api:2)`, … for the calls that write. */
  mutations: string[];
}

/** One simulator, the deploy executors pointed at it. */
export class SimSession {
  private constructor(readonly sim: RunningSimulator) {}

  static async start(scenario: Scenario): Promise<SimSession> {
    return new SimSession(await startSimulator(scenario, { msPerSimSecond: E2E_MS_PER_SIM_SECOND }));
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  /** `nx run api:<target> -- --config <sim config> --environment sim <args>` (or the same through the thin runner). */
  async run(
    target: DeployTarget,
    args: readonly string[],
    options: Partial<Pick<NxRunOptions, 'interruptWhen' | 'env' | 'runner'>> = {},
  ): Promise<SessionRun> {
    const since = this.sim.simulator.calls.list().at(-1)?.seq ?? 0;
    const result = await runNx({
      target,
      runner: options.runner,
      args: ['--config', SIM_CONFIG, '--environment', 'sim', ...args],
      env: { ...this.sim.env, SLIPWAY_POLL_INTERVAL: E2E_POLL_INTERVAL, ...options.env },
      interruptWhen: options.interruptWhen,
    });
    const calls = this.sim.simulator.calls.list(since);
    return { ...result, calls, mutations: calls.filter((c) => c.mutating).map(describeMutation) };
  }

  /** Resolves once a call matching `predicate` has been made. */
  async callMade(predicate: (call: CallRecord) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.sim.simulator.calls.list().some(predicate)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a call to the simulator');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The api service as ECS now describes it. */
  service(): Record<string, unknown> & { taskDefinition: string; deployments: Record<string, unknown>[] } {
    return this.sim.simulator.snapshot().services[0] as ReturnType<SimSession['service']>;
  }
}

/** `UpdateService(api:2)`, `RegisterTaskDefinition(api v1.2.0)`, `StopServiceDeployment(ROLLBACK)`, with `!Error` if refused. */
export function describeMutation(call: CallRecord): string {
  const input = call.input;
  let detail = '';
  if (call.operation === 'UpdateService')
    detail =
      String(input['taskDefinition'] ?? '')
        .split('/')
        .at(-1) ?? '';
  if (call.operation === 'StopServiceDeployment') detail = String(input['stopType'] ?? '');
  if (call.operation === 'ContinueServiceDeployment') detail = String(input['action'] ?? 'CONTINUE');
  if (call.operation === 'RegisterTaskDefinition') {
    const tags = (input['tags'] as { key: string; value: string }[] | undefined) ?? [];
    detail = `${String(input['family'])} ${tags.find((t) => t.key === 'slipway:version')?.value ?? '?'}`;
  }
  return `${call.operation}(${detail})${call.error ? `!${call.error}` : ''}`;
}
