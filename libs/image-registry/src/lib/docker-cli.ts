import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineFailure, registryFailure } from './errors';
import type { Credentials } from './registry-client';

/** What publishing needs to know about a locally built image. */
export interface LocalImage {
  readonly ref: string;
  readonly id: string;
  /** `<registry>/<repository>@sha256:…` for every repository the engine pushed it to or pulled it from. */
  readonly repoDigests: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface LocalEngine {
  inspect(ref: string): Promise<LocalImage | undefined>;
  /** Tags `ref` as `target` (`registry/repository:tag`), pushes it, returns the manifest digest. */
  push(ref: string, target: string, credentials?: Credentials): Promise<string>;
}

interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The digests this image has in one repository, from the engine's own record of pushes and pulls. */
export function digestsIn(image: LocalImage, imageName: string): string[] {
  return image.repoDigests
    .map((entry) => entry.split('@'))
    .filter(([name, digest]) => name === imageName && digest?.startsWith('sha256:'))
    .map(([, digest]) => digest);
}

/** The local Docker engine through the `docker` CLI (DOCKER_HOST and DOCKER_CONFIG as usual). */
export class DockerCli implements LocalEngine {
  constructor(
    private readonly binary = 'docker',
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async inspect(ref: string): Promise<LocalImage | undefined> {
    const result = await this.exec(['image', 'inspect', '--format', '{{json .}}', ref]);
    if (result.code !== 0) {
      if (/no such image/i.test(result.stderr)) return undefined;
      throw engineFailure(`docker image inspect ${ref} failed: ${lastLines(result.stderr)}`);
    }
    const raw = JSON.parse(result.stdout) as {
      Id: string;
      RepoDigests?: string[] | null;
      Config?: { Labels?: Record<string, string> | null };
    };
    return { ref, id: raw.Id, repoDigests: raw.RepoDigests ?? [], labels: raw.Config?.Labels ?? {} };
  }

  async push(ref: string, target: string, credentials?: Credentials): Promise<string> {
    const tagged = await this.exec(['tag', ref, target]);
    if (tagged.code !== 0) throw engineFailure(`docker tag ${ref} ${target} failed: ${lastLines(tagged.stderr)}`);
    // Credentials from the AWS SDK go to this one push through a throw-away config, never into ~/.docker.
    const configDir = credentials ? await temporaryDockerConfig(target.split('/')[0], credentials) : undefined;
    try {
      const pushed = await this.exec(['push', target], configDir ? { DOCKER_CONFIG: configDir } : {});
      if (pushed.code !== 0)
        throw registryFailure(`docker push ${target} failed: ${lastLines(pushed.stderr || pushed.stdout)}`);
      const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)?.[1];
      if (!digest) throw registryFailure(`docker push ${target} printed no digest:\n${lastLines(pushed.stdout)}`);
      return digest;
    } finally {
      if (configDir) await rm(configDir, { recursive: true, force: true });
    }
  }

  private exec(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      execFile(
        this.binary,
        args,
        { env: { ...this.env, ...extraEnv }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(engineFailure(`cannot run ${this.binary}: ${error.message}`, error));
            return;
          }
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  }
}

async function temporaryDockerConfig(registry: string, credentials: Credentials): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-docker-config-'));
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [registry]: { auth } } }), { mode: 0o600 });
  return dir;
}

function lastLines(text: string, count = 5): string {
  return text.trim().split('\n').slice(-count).join('\n') || '(no output)';
}
