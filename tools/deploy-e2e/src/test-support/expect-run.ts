import type { SessionRun } from '../lib/sim-session';

/**
 * The distinct exit code must come out the same on every channel the executors offer (the
 * summary line, --json, $GITHUB_OUTPUT), and the process exit code must be what Nx makes of it
 * (0, 1 or 130), or the distinct code itself through the thin runner (bin/slipway.js).
 */
export function expectOutcome(
  run: SessionRun,
  outcome: string,
  exitCode: number,
  options: { nxSilencedOutput?: boolean } = {},
): void {
  // After SIGINT, Nx replaces its own stdout/stderr writes with no-ops (task-orchestrator.js
  // handleSignal, non-TUI), so the executor's closing summary never reaches the terminal or the log.
  const expectSummary = !options.nxSilencedOutput;
  const seen = {
    summary: expectSummary ? run.summary : undefined,
    githubOutput: { outcome: run.githubOutput['outcome'], exitCode: run.githubOutput['exit-code'] },
    json: run.json ? { outcome: run.json['outcome'], exitCode: run.json['exitCode'] } : undefined,
    processExitCode: run.exitCode,
  };
  try {
    expect(seen).toEqual({
      summary: expectSummary ? { outcome, exitCode } : undefined,
      githubOutput: { outcome, exitCode: String(exitCode) },
      json: run.json ? { outcome, exitCode } : undefined,
      processExitCode: run.runner === 'bin' || exitCode === 0 || exitCode === 130 ? exitCode : 1,
    });
  } catch (error) {
    (error as Error).message += `\n\n${run.command}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
    throw error;
  }
}

/** Everything the run printed, progress and summary. */
export const outputOf = (run: SessionRun) => `${run.stdout}\n${run.stderr}`;
