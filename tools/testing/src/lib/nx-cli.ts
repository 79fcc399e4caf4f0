import { nxChildEnv } from './child-env';
import { type CommandResult, runCommand } from './run-command';

/** The workspace's own `nx` CLI in `cwd`, as a person would type it there (started as nxChildEnv says). */
export function runNx(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  const nx = require.resolve('nx/bin/nx', { paths: [options.cwd] });
  return runCommand(process.execPath, [nx, ...args], {
    cwd: options.cwd,
    env: nxChildEnv(options.env ?? process.env),
    timeoutMs: options.timeoutMs ?? 120_000,
  });
}
