import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export interface ThrowawayRegistry {
  /** 127.0.0.1:<port> */
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * A real OCI registry (CNCF distribution, Debian's docker-registry) on a free 127.0.0.1 port with
 * storage in a temporary directory: empty at start, gone after `stop`. Starts in about 0.1 s.
 */
export async function startThrowawayRegistry(binary = 'docker-registry'): Promise<ThrowawayRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-registry-'));
  const address = `127.0.0.1:${await freePort()}`;
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}\nhttp: {addr: ${address}, secret: throwaway}\n`,
  );
  const child = spawn(binary, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let died: Error | undefined;
  child.once('error', (error) => (died = new Error(`cannot start ${binary}: ${error.message}`)));
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code) => {
      died ??= new Error(`${binary} exited with ${code}`);
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !died) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `${binary} on ${address}`,
      async () => ((await fetch(`http://${address}/v2/`)).ok ? true : undefined),
      { abortIf: () => died },
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ''}`, { cause: error });
  }
  return { address, stop };
}
