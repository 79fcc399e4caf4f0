import { type CommandResult, runCommand } from './run-command';

/** NX_* settings a child Nx may inherit; the rest describe the outer task and would confuse it. */
const INHERITED_NX = new Set(['NX_NO_CLOUD', 'NX_ISOLATE_PLUGINS', 'NX_CACHE_DIRECTORY', 'NX_PREFER_NODE_STRIP_TYPES']);

/** An environment for an `nx` started from inside a test (itself inside an Nx task): no task variables, no daemon. */
export function nxChildEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('NX_') || INHERITED_NX.has(key))),
    NX_DAEMON: 'false',
  };
}

/** The workspace's own `nx` CLI in `cwd`, as a person would type it there. */
export function runNx(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  const nx = require.resolve('nx/bin/nx', { paths: [options.cwd] });
  return runCommand(process.execPath, [nx, ...args], {
    cwd: options.cwd,
    env: nxChildEnvironment(options.env),
    timeoutMs: options.timeoutMs ?? 120_000,
  });
}
