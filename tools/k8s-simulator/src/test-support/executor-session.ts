import { type DeployTarget, type NxRun, type Runner, runNx } from '@slipway/deploy-e2e/nx-run';
import { kubectlGate } from '@slipway/testing';
import type { CallRecord } from '../lib/call-log';
import { startK8sSimulator, type RunningK8sSimulator } from '../lib/http-server';
import type { Scenario } from '../lib/scenario';
import { MS_PER_SIM_SECOND, POLL_INTERVAL } from './engine-run';
import { Kubectl } from './kubectl';

export interface ExecutorRun extends NxRun {
  /** Writes (PATCH …) the run made against the simulator, in order. */
  readonly writes: CallRecord[];
}

/**
 * The real executors (`nx run api:<target>` or the thin runner `bin/slipway.js`, through the
 * deploy-e2e harness) against the simulator, with the `kubernetes` environment of
 * apps/api/deploy.json pointed at it by flags: a generated kubeconfig on 127.0.0.1, its context
 * and namespace, and the simulator's registry for digest resolution.
 */
export class ExecutorSession {
  private kubectlHere?: Promise<Kubectl | undefined>;

  private constructor(
    readonly sim: RunningK8sSimulator,
    readonly scenario: Scenario,
  ) {}

  static async start(scenario: Scenario): Promise<ExecutorSession> {
    return new ExecutorSession(await startK8sSimulator(scenario, { msPerSimSecond: MS_PER_SIM_SECOND }), scenario);
  }

  async close(): Promise<void> {
    await (await this.kubectlHere)?.close();
    await this.sim.close();
  }

  /**
   * Lets a real kubectl judge what the run left: `check` runs with kubectl against this simulator.
   * Where kubectl cannot be had (outside CI only), the check is skipped, as the suite said at start.
   */
  async judge(check: (kubectl: Kubectl) => Promise<void>): Promise<void> {
    this.kubectlHere ??= kubectlGate().run ? Kubectl.for(this.sim) : Promise.resolve(undefined);
    const kubectl = await this.kubectlHere;
    if (kubectl) await check(kubectl);
  }

  async run(target: DeployTarget, args: readonly string[], runner: Runner = 'bin'): Promise<ExecutorRun> {
    const since = this.sim.simulator.calls.list().at(-1)?.seq ?? 0;
    const target_ = [
      '--environment',
      'kubernetes',
      '--kubeconfig',
      this.sim.kubeconfigPath,
      '--context',
      'k8s-sim',
      '--namespace',
      'slipway',
      '--repository',
      `${this.sim.registryHost}/slipway/api`,
    ];
    const result = await runNx({
      target,
      runner,
      args: [...target_, ...args],
      // No developer kubeconfig or docker login can leak in.
      env: { KUBECONFIG: this.sim.kubeconfigPath, DOCKER_CONFIG: '/nonexistent', SLIPWAY_POLL_INTERVAL: POLL_INTERVAL },
      killAfterMs: 90_000,
    });
    return { ...result, writes: this.sim.simulator.calls.writes(since) };
  }
}

/**
 * The distinct exit code must be the same on every channel (summary line, $GITHUB_OUTPUT, --json),
 * and the process exit code what Nx makes of it (0 or 1) or the code itself through bin/slipway.js.
 */
export function expectExit(run: ExecutorRun, outcome: string, exitCode: number): void {
  const seen = {
    summary: run.summary,
    githubOutput: { outcome: run.githubOutput['outcome'], exitCode: run.githubOutput['exit-code'] },
    json: run.json ? { outcome: run.json['outcome'], exitCode: run.json['exitCode'] } : undefined,
    process: run.exitCode,
  };
  const expected = {
    summary: { outcome, exitCode },
    githubOutput: { outcome, exitCode: String(exitCode) },
    json: run.json ? { outcome, exitCode } : undefined,
    process: run.runner === 'bin' || exitCode === 0 ? exitCode : 1,
  };
  if (JSON.stringify(seen) !== JSON.stringify(expected)) {
    throw new Error(
      `${run.command}\nexpected ${JSON.stringify(expected)}\nseen     ${JSON.stringify(seen)}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
}
