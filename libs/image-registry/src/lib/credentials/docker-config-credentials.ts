import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registryFailure } from '../errors';
import type { Credentials } from '../registry-client';

const run = promisify(execFile);

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export interface DockerConfigSource {
  /** Directory of config.json (DOCKER_CONFIG); default ~/.docker. */
  readonly configDir?: string;
  /** Environment of the credential helper (PATH decides which helper runs). */
  readonly env?: NodeJS.ProcessEnv;
  /** Runs `docker-credential-<helper> get`; injectable for tests. */
  readonly runHelper?: (helper: string, registry: string) => Promise<string>;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/**
 * What `docker login` left for a registry: an `auths` entry, a per-registry credential helper
 * (`credHelpers`, e.g. ecr-login) or the default store (`credsStore`). Undefined when there is none.
 */
export async function dockerConfigCredentials(
  registry: string,
  source: DockerConfigSource = {},
): Promise<Credentials | undefined> {
  const config = await readDockerConfig(source.configDir ?? dockerConfigDir(source.env));
  const helper = config.credHelpers?.[registry] ?? config.credsStore;
  const entry = Object.entries(config.auths ?? {}).find(([key]) => normalizeKey(key) === registry)?.[1];
  if (entry?.auth) return decodeAuth(entry.auth, registry);
  if (entry?.username && entry.password) return { username: entry.username, password: entry.password };
  if (!helper) return undefined;
  return fromHelper(
    helper,
    registry,
    source.runHelper ?? ((h, r) => defaultRunHelper(h, r, source.env ?? process.env)),
  );
}

async function readDockerConfig(dir: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(join(dir, 'config.json'), 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (error) {
    throw registryFailure(
      `${join(dir, 'config.json')} is not valid JSON; fix or remove it, then docker login again`,
      error,
    );
  }
}

/** `docker login` keys entries by host, but older clients wrote `https://host/v1/`-style URLs. */
function normalizeKey(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

function decodeAuth(auth: string, registry: string): Credentials {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1)
    throw registryFailure(`the docker login entry for ${registry} is malformed; run docker login ${registry} again`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function fromHelper(helper: string, registry: string, runHelper: NonNullable<DockerConfigSource['runHelper']>) {
  let output: string;
  try {
    output = await runHelper(helper, registry);
  } catch {
    // the helper has nothing for this registry (it exits non-zero with "credentials not found")
    return undefined;
  }
  try {
    const { Username, Secret } = JSON.parse(output) as { Username?: string; Secret?: string };
    return Username && Secret ? { username: Username, password: Secret } : undefined;
  } catch (error) {
    throw registryFailure(`docker-credential-${helper} answered something that is not JSON for ${registry}`, error);
  }
}

async function defaultRunHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = run(`docker-credential-${helper}`, ['get'], { timeout: 30_000, env });
  child.child.stdin?.end(registry);
  return (await child).stdout;
}
