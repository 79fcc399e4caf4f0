import {
  type DeployReport,
  type EngineDeps,
  formatJson,
  formatStatus,
  formatSummary,
  type ProviderFactory,
  publishToGitHub,
  type RawDeployOptions,
  runDeploy,
  runRollback,
  runStatus,
  type StatusReport,
} from '@slipway/deploy-engine';
import { ecsProviderFactory } from '@slipway/deploy-provider-ecs';
import { localProviderFactory } from '@slipway/deploy-provider-local';
import { kubernetesProviderFactory } from '@slipway/deploy-provider-kubernetes';

export type DeployCommand = 'deploy' | 'rollback' | 'deploy-status';

/** Platforms `provider` in deploy.json may name. Kubernetes and local Docker plug in here. */
export const PROVIDERS: readonly ProviderFactory[] = [
  ecsProviderFactory,
  localProviderFactory,
  kubernetesProviderFactory,
];

export interface CommandIo {
  readonly app: string;
  readonly workspaceRoot: string;
  /** The target's own `config` option: suggested commands add `--config` only for another file. */
  readonly defaultConfig?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where SIGINT/SIGTERM come from; a test passes its own emitter. */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /**
   * The controlling terminal, if any. On SIGINT under `nx run`, Nx silences its own output
   * (which carries ours), so the interrupted summary is also written here.
   */
  readonly terminal?: (text: string) => void;
  /**
   * True when stdout is itself the terminal (interactive `nx run` hands tasks a pseudo terminal, which
   * Nx does not silence): then the summary is already on screen and is not written twice.
   */
  readonly stdoutIsTerminal?: boolean;
  readonly providers?: readonly ProviderFactory[];
  readonly engine?: Partial<Pick<EngineDeps, 'clock' | 'pollPolicy' | 'failFast'>>;
}

export interface CommandResult {
  readonly success: boolean;
  /** The distinct exit code (Nx itself only exits 0 or 1). */
  readonly exitCode: number;
  readonly outcome: string;
  readonly report: DeployReport | StatusReport;
}

/**
 * What every deploy executor and `bin/slipway.js` run: wire signals and output, call the engine,
 * print the summary (or JSON), publish to GitHub Actions. Progress goes to stderr under --json so
 * stdout holds exactly one JSON document.
 */
export async function runCommand(
  command: DeployCommand,
  options: RawDeployOptions,
  io: CommandIo,
): Promise<CommandResult> {
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
          : await runStatus(options, deps);
    const lines = report.command === 'deploy-status' ? statusLines(report) : formatSummary(report);
    for (const line of lines) print(line);
    if (json) io.stdout(formatJson(report));
    if (report.outcome === 'INTERRUPTED' && io.terminal && nxSilencesOutput(io)) io.terminal(`${lines.join('\n')}\n`);
    await publishToGitHub(report, io.env).catch((error: Error) =>
      print(`warning: could not write GitHub Actions summary/outputs: ${error.message}`),
    );
    return { success: report.exitCode === 0, exitCode: report.exitCode, outcome: report.outcome, report };
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  }
}

/**
 * Nx 23 (task-orchestrator handleSignal) replaces its stdout/stderr writes with no-ops on SIGINT, so
 * what it relays from a task's piped stdout may be lost. A task given a pseudo terminal of its own
 * (interactive `nx run`) writes to the screen directly and is not affected.
 */
function nxSilencesOutput(io: CommandIo): boolean {
  return Boolean(io.env['NX_TASK_TARGET_PROJECT']) && !io.stdoutIsTerminal;
}

function statusLines(report: StatusReport): string[] {
  if (report.environments.length === 0)
    return [`error: ${report.message}`, `outcome: ${report.outcome} (exit ${report.exitCode})`];
  return formatStatus(report);
}
