import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseExports } from './docker-gate';
import { CONTAINER_ENV_SCRIPT } from './workspace';

const run = promisify(execFile);

export interface ContainerEnvironment {
  readonly dockerHost: string;
  /** host:port of the OCI registry on 127.0.0.1 */
  readonly registry: string;
  /** The local Node 24 base image (tools/ci/make-node-base.sh) */
  readonly baseImage: string;
  /** process.env plus DOCKER_HOST and the SLIPWAY_* names */
  readonly env: NodeJS.ProcessEnv;
  /** Whether this call started the engine (then `stop` stops it; otherwise `stop` leaves it to its owner). */
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * The engine, registry and base image of tools/ci/container-env.sh: reused when `.ci/run` (or anyone)
 * started them, started otherwise (first run: ~5 s for the base image, a few minutes if apt must install).
 */
export async function useContainerEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<ContainerEnvironment> {
  let exports: Record<string, string>;
  let startedHere: boolean;
  try {
    const started = await run('bash', [CONTAINER_ENV_SCRIPT, 'start'], {
      env,
      timeout: 600_000,
      maxBuffer: 8 * 1024 * 1024,
    });
    exports = parseExports(started.stdout);
    // The script's own verdict: a `docker version` with a timeout, asked first, could time out on a loaded
    // machine and make this caller stop an engine that others are using.
    startedHere = /^container-env: engine started at /m.test(started.stderr);
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`tools/ci/container-env.sh start failed:\n${stderr ?? (error as Error).message}`, { cause: error });
  }
  const merged = { ...env, ...exports };
  return {
    dockerHost: exports.DOCKER_HOST,
    registry: exports.SLIPWAY_TEST_REGISTRY,
    baseImage: exports.SLIPWAY_BASE_IMAGE,
    env: merged,
    startedHere,
    stop: async () => {
      if (startedHere) await run('bash', [CONTAINER_ENV_SCRIPT, 'stop'], { env: merged, timeout: 120_000 });
    },
  };
}
