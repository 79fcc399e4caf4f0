import { writeFileSync } from 'node:fs';

/**
 * Known workaround (CONTRIBUTING.md): on SIGINT, Nx 23 replaces its own stdout/stderr writes with
 * no-ops (task-orchestrator.js handleSignal, non-TUI: "pnpm may exit before nx finishes cleanup"), so
 * what it relays from a task's piped stdout, the interrupted summary included, may be lost. A task
 * given a pseudo terminal of its own (interactive `nx run`) writes to the screen directly and is not
 * affected; outside `nx run` nothing stands between the process and its output.
 */
export function nxSilencesOutputOnInterrupt(
  env: Readonly<Record<string, string | undefined>>,
  stdoutIsTerminal = false,
): boolean {
  return Boolean(env['NX_TASK_TARGET_PROJECT']) && !stdoutIsTerminal;
}

/** Best effort: there is no terminal in CI, and that is fine (GITHUB_STEP_SUMMARY has it all). */
export function writeToTerminal(text: string, device = '/dev/tty'): void {
  try {
    writeFileSync(device, text);
  } catch {
    // no controlling terminal
  }
}
