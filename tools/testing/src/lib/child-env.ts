/**
 * What Nx sets in the environment of the task it runs, or of itself (nx 23 tasks-runner/task-env.js,
 * bin/init-local.js). Every process the task starts inherits them; an `nx` started from there would take
 * itself for part of the outer run: its task, its output capture, its loop detection, its workspace root.
 */
const OUTER_NX_RUN =
  /^(NX_TASK_\w+|NX_TERMINAL_\w+|NX_STREAM_OUTPUT|NX_PREFIX_OUTPUT|NX_CLI_SET|NX_SET_CLI|NX_INVOCATION_ROOT_PID|NX_WORKSPACE_ROOT|LERNA_PACKAGE_NAME)$/;

/**
 * The environment for an `nx` (or bin/slipway.js) that a test, the rehearsal or a benchmark starts: this
 * process's variables without the outer Nx run's, no daemon (one started here would outlive its caller),
 * then `extra`. Unset variables are left out. Known workaround: see CONTRIBUTING.md.
 *
 * No imports and only erasable TypeScript: bench/*.mjs import this file as it is (Node strips the types).
 */
export function nxChildEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && !OUTER_NX_RUN.test(key)) child[key] = value;
  return { ...child, NX_DAEMON: 'false', ...extra };
}

/**
 * For a child that must not reach real AWS or a real GitHub job (end-to-end tests, benchmarks against
 * the simulators): this process's AWS, GitHub and Slipway variables are left out, and the shared AWS
 * config files and the instance metadata service are pointed at nothing, so no developer profile leaks in.
 */
export function sandboxedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && !/^(AWS_|GITHUB_|SLIPWAY_)/.test(key) && key !== 'CI_DEPLOY') child[key] = value;
  return {
    ...child,
    AWS_CONFIG_FILE: '/nonexistent/slipway-e2e-aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/slipway-e2e-aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
