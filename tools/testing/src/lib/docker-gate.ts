import { spawnSync } from 'node:child_process';
import { CONTAINER_ENV_SCRIPT } from './workspace';

/**
 * Whether Docker-dependent tests run here. In CI they always run, and fail if the engine cannot be had;
 * outside CI they run when an engine answers or can be started, and are skipped with the reason otherwise.
 */
export type DockerGate = { readonly run: true } | { readonly run: false; readonly reason: string };

export interface GateProbes {
  readonly env: NodeJS.ProcessEnv;
  readonly engineReachable: () => boolean;
  readonly hasCommand: (name: string) => boolean;
  readonly isRoot: () => boolean;
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1';
}

export function dockerGate(probes: GateProbes): DockerGate {
  const { env } = probes;
  if (isCi(env)) return { run: true };
  if (env.SLIPWAY_SKIP_DOCKER_TESTS === '1') return { run: false, reason: 'SLIPWAY_SKIP_DOCKER_TESTS=1 is set' };
  if (probes.engineReachable()) return { run: true };
  const missing = ['dockerd', 'docker-registry', 'docker'].filter((name) => !probes.hasCommand(name));
  if (missing.length > 0) {
    return {
      run: false,
      reason: `${missing.join(', ')} not installed; \`tools/ci/container-env.sh start\` installs and starts them (CI=true makes these tests mandatory)`,
    };
  }
  if (!probes.isRoot()) {
    return {
      run: false,
      reason:
        'no Docker engine answers and starting one needs root: run `sudo tools/ci/container-env.sh start` and export what it prints',
    };
  }
  return { run: true };
}

/** The same policy for tests that need only a registry (the docker-registry binary), not an engine. */
export function registryGate(probes: Pick<GateProbes, 'env' | 'hasCommand'>): DockerGate {
  if (isCi(probes.env)) return { run: true };
  if (probes.env.SLIPWAY_SKIP_DOCKER_TESTS === '1') return { run: false, reason: 'SLIPWAY_SKIP_DOCKER_TESTS=1 is set' };
  if (probes.hasCommand('docker-registry')) return { run: true };
  return {
    run: false,
    reason:
      'docker-registry not installed; `tools/ci/container-env.sh start` installs it (CI=true makes these tests mandatory)',
  };
}

/** DOCKER_HOST as tools/ci/container-env.sh sets it, unless the caller already chose one. */
export function containerEnvDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  const printed = spawnSync('bash', [CONTAINER_ENV_SCRIPT, 'env'], { encoding: 'utf8', env });
  return parseExports(printed.stdout ?? '').DOCKER_HOST ?? '';
}

/** `export KEY=value` lines (what container-env.sh prints) as a record. */
export function parseExports(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) result[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return result;
}

export function defaultProbes(env: NodeJS.ProcessEnv = process.env): GateProbes {
  return {
    env,
    engineReachable: () =>
      spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
        env: { ...env, DOCKER_HOST: containerEnvDockerHost(env) },
        stdio: 'ignore',
        timeout: 10_000,
      }).status === 0,
    hasCommand: (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore', env }).status === 0,
    isRoot: () => process.getuid?.() === 0,
  };
}

/** `describe` when the gate opens, otherwise `describe.skip` with the reason printed (never a silent skip). */
export function describeWithDocker(
  name: string,
  body: () => void,
  gate: DockerGate = dockerGate(defaultProbes()),
): void {
  describeGated(name, body, gate);
}

/** Like describeWithDocker, for tests that need only the registry binary. */
export function describeWithRegistry(
  name: string,
  body: () => void,
  gate: DockerGate = registryGate(defaultProbes()),
): void {
  describeGated(name, body, gate);
}

/** `describe` when the gate opens, otherwise `describe.skip` with the reason printed. */
export function describeGated(name: string, body: () => void, gate: DockerGate): void {
  if (gate.run) {
    describe(name, body);
    return;
  }
  console.warn(`skipping "${name}": ${gate.reason}`);
  describe.skip(name, body);
}
