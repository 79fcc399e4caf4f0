import {
  type DeployReport,
  type EngineDeps,
  formatJson,
  formatStatus,
  formatSummary,
  type ProviderFactory,
  publishToGitHub,
  type RawDeployOptions,
  runContinue,
  runDeploy,
  runRollback,
  writeReportFile,
  runStatus,
  type StatusReport,
} from '@slipway/deploy-engine';
import { ecsProviderFactory } from '@slipway/deploy-provider-ecs/factory';
import { localProviderFactory } from '@slipway/deploy-provider-local/factory';
import { kubernetesProviderFactory } from '@slipway/deploy-provider-kubernetes/factory';
import type { ExecutorContext } from '@nx/devkit';
import { nxSilencesOutputOnInterrupt, writeToTerminal } from './nx-interrupt';

export type DeployCommand = 'deploy' | 'rollback' | 'deploy-continue' | 'deploy-status';

/**
 * The platforms `provider` in deploy.json may name: ECS, local Docker and Kubernetes. From their light
 * entry points, so a deploy loads only the provider it uses: loading the others cost ~0.15 of the
 * ~0.97 CPU-s of a `slipway.js deploy-status` of the local environment (measured).
 */
export const PROVIDERS: readonly ProviderFactory[] = [
  ecsProviderFactory,
  localProviderFactory,
  kubernetesProviderFactory,
];

export interface DeployCommandIo {
  readonly app: string;
  readonly workspaceRoot: string;
  /** The target's own `config` option: suggested commands add `--config` only for another file. */
  readonly defaultConfig?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where SIGINT/SIGTERM come from; a test passes its own emitter. */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** The controlling terminal, if any: the interrupted summary goes there too when Nx silences ours. */
  readonly terminal?: (text: string) => void;
  /** True when stdout is itself the terminal: then the summary is already on screen. */
  readonly stdoutIsTerminal?: boolean;
  readonly providers?: readonly ProviderFactory[];
  readonly engine?: Partial<Pick<EngineDeps, 'clock' | 'pollPolicy' | 'failFast'>>;
}

export interface DeployCommandResult {
  readonly success: boolean;
  /** The distinct exit code (Nx itself only exits 0 or 1). */
  readonly exitCode: number;
  readonly outcome: string;
  readonly report: DeployReport | StatusReport;
}

/**
 * Runs one deploy command (deploy, rollback, deploy-status) for its executor: wires signals and
 * output, calls the engine, prints the summary (or JSON), publishes to GitHub Actions. Progress goes
 * to stderr under --json so stdout holds exactly one JSON document.
 */
export async function runDeployCommand(
  command: DeployCommand,
  options: RawDeployOptions,
  io: DeployCommandIo,
): Promise<DeployCommandResult> {
  const json = options.json === true;
  const print = json ? io.stderr : io.stdout;
  const controller = new AbortController();
  const signals = io.signals ?? process;
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    print(`\n${signal} received: stopping the watch (the deployment itself goes on)`);
    controller.abort();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  const deps: EngineDeps = {
    app: io.app,
    workspaceRoot: io.workspaceRoot,
    defaultConfig: io.defaultConfig,
    env: io.env,
    providers: io.providers ?? PROVIDERS,
    log: print,
    signal: controller.signal,
    ...io.engine,
  };
  try {
    const report =
      command === 'deploy'
        ? await runDeploy(options, deps)
        : command === 'rollback'
          ? await runRollback(options, deps)
          : command === 'deploy-continue'
            ? await runContinue(options, deps)
            : await runStatus(options, deps);
    const lines = report.command === 'deploy-status' ? statusLines(report) : formatSummary(report);
    for (const line of lines) print(line);
    if (json) io.stdout(formatJson(report));
    if (report.outcome === 'INTERRUPTED' && io.terminal && nxSilencesOutputOnInterrupt(io.env, io.stdoutIsTerminal))
      io.terminal(`${lines.join('\n')}\n`);
    await publishToGitHub(report, io.env).catch((error: Error) =>
      print(`warning: could not write GitHub Actions summary/outputs: ${error.message}`),
    );
    if (typeof options['report'] === 'string' && report.command !== 'deploy-status') {
      await writeReportFile(report, options['report'], io.workspaceRoot).then(
        (path) => print(`report: ${path}`),
        (error: Error) => print(`warning: could not write the report: ${error.message}`),
      );
    }
    return { success: report.exitCode === 0, exitCode: report.exitCode, outcome: report.outcome, report };
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  }
}

function statusLines(report: StatusReport): string[] {
  if (report.environments.length === 0)
    return [`error: ${report.message}`, `outcome: ${report.outcome} (exit ${report.exitCode})`];
  return formatStatus(report);
}

/** What an executor's context gives a deploy command: the project, the workspace, this process's streams. */
export function deployCommandIo(context: ExecutorContext): DeployCommandIo {
  return {
    app: context.projectName ?? 'app',
    workspaceRoot: context.root,
    defaultConfig:
      typeof context.target?.options?.['config'] === 'string'
        ? (context.target.options['config'] as string)
        : undefined,
    env: process.env,
    stdout: (text: string) => process.stdout.write(`${text}\n`),
    stderr: (text: string) => process.stderr.write(`${text}\n`),
    terminal: writeToTerminal,
    stdoutIsTerminal: process.stdout.isTTY === true,
  };
}
