import type { ExecutorContext } from '@nx/devkit';
import { writeFileSync } from 'node:fs';
import type { DeployExecutorSchema } from './schema';
import { runCommand, type CommandResult } from './runtime';

/**
 * `nx run <app>:deploy -- --version vX.Y.Z --environment <name>`. Thin: the engine does the work.
 * Returns the distinct exit code as `exitCode` (bin/slipway.js exits with it; Nx collapses to 1).
 */
export default async function deployExecutor(
  options: DeployExecutorSchema,
  context: ExecutorContext,
): Promise<CommandResult> {
  return runCommand('deploy', { ...options }, ioFor(context));
}

export function ioFor(context: ExecutorContext) {
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

/** Best effort: there is no terminal in CI, and that is fine (GITHUB_STEP_SUMMARY has it all). */
export function writeToTerminal(text: string, device = '/dev/tty'): void {
  try {
    writeFileSync(device, text);
  } catch {
    // no controlling terminal
  }
}
