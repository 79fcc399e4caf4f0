import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type DeployReport, runDeploy, runRollback, runStatus, type StatusReport } from '@slipway/deploy-engine';
import { kubernetesProviderFactory } from '@slipway/deploy-provider-kubernetes/factory';
import { startK8sSimulator, type RunningK8sSimulator } from '../lib/http-server';
import type { Scenario } from '../lib/scenario';
import type { CallRecord } from '../lib/call-log';

/** Real ms per simulated second in these runs, and the engine's poll interval scaled alike (3.5 s). */
export const MS_PER_SIM_SECOND = 10;
export const POLL_INTERVAL = `${3.5 * MS_PER_SIM_SECOND}ms`;

export interface EngineRun<R> {
  readonly report: R;
  readonly output: string;
  /** Writes the run made (PATCH …), in order. */
  readonly writes: CallRecord[];
  readonly calls: CallRecord[];
}

/**
 * The engine, in-process, with the real Kubernetes provider (and so @kubernetes/client-node)
 * against the simulator: deploy config environment `k8s` points at it through a kubeconfig file.
 */
export class EngineSession {
  /** Hears each line the engine logs, as it logs it: a test can act at a point of the run. */
  onLine?: (line: string) => void;

  private constructor(
    readonly sim: RunningK8sSimulator,
    readonly configPath: string,
  ) {}

  static async start(scenario: Scenario, settings: Record<string, string> = {}): Promise<EngineSession> {
    const sim = await startK8sSimulator(scenario, { msPerSimSecond: MS_PER_SIM_SECOND });
    const dir = mkdtempSync(join(tmpdir(), 'k8s-engine-'));
    const configPath = join(dir, 'deploy.json');
    const environment = {
      provider: 'kubernetes',
      context: 'k8s-sim',
      namespace: 'slipway',
      deployment: 'api',
      container: 'api',
      repository: `${sim.registryHost}/slipway/api`,
      ...settings,
    };
    writeFileSync(configPath, JSON.stringify({ environments: { k8s: environment } }));
    return new EngineSession(sim, configPath);
  }

  async close(): Promise<void> {
    rmSync(dirname(this.configPath), { recursive: true, force: true });
    await this.sim.close();
  }

  deploy(options: Record<string, unknown>): Promise<EngineRun<DeployReport>> {
    return this.run((deps) => runDeploy({ config: this.configPath, environment: 'k8s', ...options }, deps));
  }

  rollback(options: Record<string, unknown> = {}): Promise<EngineRun<DeployReport>> {
    return this.run((deps) => runRollback({ config: this.configPath, environment: 'k8s', ...options }, deps));
  }

  status(options: Record<string, unknown> = {}): Promise<EngineRun<StatusReport>> {
    return this.run((deps) => runStatus({ config: this.configPath, ...options }, deps));
  }

  private async run<R>(body: (deps: Parameters<typeof runDeploy>[1]) => Promise<R>): Promise<EngineRun<R>> {
    const since = this.sim.simulator.calls.list().at(-1)?.seq ?? 0;
    const lines: string[] = [];
    const report = await body({
      app: 'api',
      workspaceRoot: '/',
      providers: [kubernetesProviderFactory],
      env: { KUBECONFIG: this.sim.kubeconfigPath, SLIPWAY_POLL_INTERVAL: POLL_INTERVAL, DOCKER_CONFIG: '/nonexistent' },
      log: (line) => {
        lines.push(line);
        this.onLine?.(line);
      },
    });
    const calls = this.sim.simulator.calls.list(since);
    return { report, output: lines.join('\n'), calls, writes: calls.filter((c) => c.write) };
  }

  deployment() {
    return this.sim.simulator.snapshot().deployments[0];
  }
}
