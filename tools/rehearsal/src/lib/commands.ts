import { join } from 'node:path';

/**
 * The commands the rehearsal runs, as argument lists. Pure. Each is an existing entry point of the
 * workspace, the same one a workflow or a person runs; the rehearsal only strings them together.
 */
export interface Command {
  readonly command: string;
  readonly args: readonly string[];
}

export const CHECK_TARGETS = ['lint', 'test', 'build', 'typecheck'] as const;

/** The workspace's own nx, what `npx nx` starts, without npm's start (~0.3 CPU-s, ~0.5 s each time). */
export function nxCommand(root: string, node: string, args: readonly string[]): Command {
  return { command: node, args: [join(root, 'node_modules/.bin/nx'), ...args] };
}

/** ci.yml's job: affected targets since `base`, or every project when there is no base yet. */
export function checksCommand(root: string, node: string, base: string | undefined, head: string): Command {
  const targets = ['-t', ...CHECK_TARGETS];
  return nxCommand(
    root,
    node,
    base ? ['affected', ...targets, `--base=${base}`, `--head=${head}`] : ['run-many', ...targets],
  );
}

export function containerEnvCommand(root: string): Command {
  return { command: 'bash', args: [join(root, 'tools/ci/container-env.sh'), 'start'] };
}

export function releaseNextCommand(root: string, node: string): Command {
  return { command: node, args: [join(root, 'tools/repo-rules/bin/release-next.cjs'), '--json'] };
}

/** build.yml's list of the services to build: every one after a release, else those affected since `base`. */
export function servicesBuildCommand(
  root: string,
  node: string,
  released: boolean,
  range: { readonly base: string; readonly head: string } | undefined,
): Command {
  return {
    command: node,
    args: [
      join(root, 'tools/repo-rules/bin/services.cjs'),
      'build',
      '--released',
      String(released),
      ...(range ? ['--base', range.base, '--head', range.head] : []),
    ],
  };
}

/** The tag a rehearsal gives the image it builds of `app` at `commit`: apart from other `api` builds in a shared engine. */
export function localImageTag(app: string, commit: string): string {
  return `slipway-rehearsal/${app}:${commit.slice(0, 12)}`;
}

/**
 * build.yml's build of each service, in one Nx run (one project graph, the builds side by side): nx
 * bundles each app, then docker builds apps/<app>/Dockerfile. The extra flags go to every task; the
 * shell that runs each task's `docker build` fills in its project (Nx sets NX_TASK_TARGET_PROJECT).
 */
export function imageBuildCommand(root: string, node: string, apps: readonly string[], commit: string): Command {
  return nxCommand(root, node, [
    'run-many',
    '-t',
    'docker:build',
    '-p',
    apps.join(','),
    '--output-style=static',
    '--',
    '--tag',
    localImageTag('$NX_TASK_TARGET_PROJECT', commit),
    '--quiet',
  ]);
}

export interface PublishTarget {
  readonly registry: string;
  readonly repository: string;
}

/** build.yml's publish, through the CLI that keeps publish-image's exit codes. `image` absent: promote what sha-<commit> already is. */
export function publishCommand(
  root: string,
  node: string,
  target: PublishTarget,
  commit: string,
  version: string | undefined,
  image: string | undefined,
): Command {
  return {
    command: node,
    args: [
      join(root, 'tools/slipway-plugin/src/executors/publish-image/cli.cjs'),
      '--registry',
      target.registry,
      '--repository',
      target.repository,
      '--commit',
      commit,
      ...(version ? ['--version', version] : []),
      ...(image ? ['--image', image] : ['--promote']),
      '--json',
    ],
  };
}

/** deploy.yml's deploy, through bin/slipway.js (the deploy's own exit code survives). */
export function deployCommand(
  root: string,
  node: string,
  app: string,
  version: string,
  environment: string,
  overrides: readonly string[],
  timeout: string,
): Command {
  return {
    command: node,
    args: [
      join(root, 'tools/slipway-plugin/bin/slipway.js'),
      'deploy',
      app,
      '--',
      '--version',
      version,
      '--environment',
      environment,
      ...overrides,
      '--timeout',
      timeout,
      '--json',
    ],
  };
}

/** What a person types to roll one service back, or to see every service (printed in the summary). */
export function followUpCommands(
  app: string,
  environment: string,
  overrides: readonly string[],
): { rollback: string; status: string } {
  const flags = ['--environment', environment, ...overrides].join(' ');
  return {
    rollback: `node tools/slipway-plugin/bin/slipway.js rollback ${app} -- ${flags}`,
    // Overrides are one service's: with them, that service's status; without, every service's at once.
    status:
      overrides.length > 0
        ? `node tools/slipway-plugin/bin/slipway.js deploy-status ${app} -- ${flags}`
        : `npx nx run-many -t deploy-status --output-style=static -- ${flags}`,
  };
}
