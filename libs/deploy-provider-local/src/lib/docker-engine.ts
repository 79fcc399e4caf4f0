import { execFile } from 'node:child_process';
import { ProviderError, type ProviderErrorKind } from '@slipway/deploy-engine';
import { type ContainerInfo, parseContainerInspect } from './container-info';

/** The few Docker operations a local environment needs. */
export interface DockerEngine {
  /** Where the engine is, for messages (`unix:///var/run/docker.sock`). */
  readonly host: string;
  /** The server's version; fails with `unavailable` and the fix when no engine answers. */
  serverVersion(): Promise<string>;
  inspectContainer(name: string): Promise<ContainerInfo | undefined>;
  /** Whether the engine holds the image already (a digest-pinned reference names exactly one image). */
  hasImage(image: string): Promise<boolean>;
  pull(image: string): Promise<void>;
  /** `docker create …`; returns the container id. */
  create(args: readonly string[]): Promise<string>;
  start(name: string): Promise<void>;
  stop(name: string, timeoutSeconds: number): Promise<void>;
  /** Removes the container, stopping it first if needed; a missing one is fine. */
  remove(name: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `docker <args>`; rejects only when the binary cannot run at all. */
export type CommandRunner = (args: readonly string[]) => Promise<CommandResult>;

export const NO_ENGINE_HINT =
  'start one with `eval "$(tools/ci/container-env.sh start)"` (a private engine and registry; needs root and apt), ' +
  'or point DOCKER_HOST at a running engine (Docker Desktop, `sudo systemctl start docker`)';

/** The local Docker engine through the `docker` CLI; DOCKER_HOST (and DOCKER_CONTEXT) choose the engine. */
export class DockerCliEngine implements DockerEngine {
  readonly host: string;

  constructor(
    private readonly run: CommandRunner,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.host =
      env['DOCKER_HOST'] ||
      (env['DOCKER_CONTEXT'] ? `context ${env['DOCKER_CONTEXT']}` : 'the default engine (unix:///var/run/docker.sock)');
  }

  async serverVersion(): Promise<string> {
    const result = await this.docker('docker:version', ['version', '--format', '{{.Server.Version}}']);
    return result.stdout.trim();
  }

  async inspectContainer(name: string): Promise<ContainerInfo | undefined> {
    const result = await this.exec('docker:inspect', ['container', 'inspect', name]);
    if (result.code !== 0) {
      if (/no such (container|object)/i.test(result.stderr)) return undefined;
      throw this.failure('docker:inspect', result);
    }
    const parsed = JSON.parse(result.stdout) as unknown[];
    return parsed.length > 0 ? parseContainerInspect(parsed[0]) : undefined;
  }

  async hasImage(image: string): Promise<boolean> {
    const result = await this.exec('docker:image-inspect', ['image', 'inspect', '--format', '{{.Id}}', image]);
    if (result.code === 0) return true;
    if (/no such (image|object)/i.test(result.stderr)) return false;
    throw this.failure('docker:image-inspect', result);
  }

  async pull(image: string): Promise<void> {
    await this.docker('docker:pull', ['pull', '--quiet', image]);
  }

  async create(args: readonly string[]): Promise<string> {
    const result = await this.docker('docker:create', args);
    return result.stdout.trim().split('\n').pop() ?? '';
  }

  async start(name: string): Promise<void> {
    await this.docker('docker:start', ['start', name]);
  }

  async stop(name: string, timeoutSeconds: number): Promise<void> {
    await this.docker('docker:stop', ['stop', '--time', String(timeoutSeconds), name]);
  }

  async remove(name: string): Promise<void> {
    const result = await this.exec('docker:rm', ['rm', '--force', name]);
    if (result.code !== 0 && !/no such container/i.test(result.stderr)) throw this.failure('docker:rm', result);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.docker('docker:rename', ['rename', from, to]);
  }

  private async docker(operation: string, args: readonly string[]): Promise<CommandResult> {
    const result = await this.exec(operation, args);
    if (result.code !== 0) throw this.failure(operation, result);
    return result;
  }

  private async exec(operation: string, args: readonly string[]): Promise<CommandResult> {
    try {
      return await this.run(args);
    } catch (error) {
      throw new ProviderError(
        'unavailable',
        `cannot run the docker CLI (${(error as Error).message}); install it, then ${NO_ENGINE_HINT}`,
        operation,
        error,
      );
    }
  }

  private failure(operation: string, result: CommandResult): ProviderError {
    const text = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ') || `exit code ${result.code}`;
    const kind = classify(text);
    const hint = kind === 'unavailable' ? `; ${NO_ENGINE_HINT}` : '';
    return new ProviderError(kind, `${text} (engine: ${this.host})${hint}`, operation);
  }
}

/** Docker's error text → what the engine needs to know. */
export function classify(message: string): ProviderErrorKind {
  if (
    /cannot connect to the docker daemon|is the docker daemon running|error during connect|connection refused/i.test(
      message,
    )
  )
    return 'unavailable';
  if (/manifest unknown|not found|no such/i.test(message)) return 'not-found';
  if (/unauthorized|denied|authentication required/i.test(message)) return 'access-denied';
  if (/conflict|invalid|unknown flag|is not a valid/i.test(message)) return 'invalid';
  if (/toomanyrequests|rate limit/i.test(message)) return 'throttled';
  return 'unknown';
}

/** The real runner: the `docker` binary with the given environment (DOCKER_HOST and friends). */
export function dockerCommandRunner(
  env: Readonly<Record<string, string | undefined>>,
  binary = 'docker',
): CommandRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(
        binary,
        [...args],
        { env: env as NodeJS.ProcessEnv, maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000 },
        (error, stdout, stderr) => {
          if (error?.killed) {
            resolve({ code: 124, stdout, stderr: `docker ${args[0]} did not finish within 10 minutes` });
            return;
          }
          if (error && typeof error.code !== 'number') {
            reject(error);
            return;
          }
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
}
