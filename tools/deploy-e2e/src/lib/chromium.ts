import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CdpPipe } from './cdp-pipe';
import { signalGroup } from './process-group';
import { within } from './within';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = process.env['SLIPWAY_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Browser tests run in CI always (and fail without a browser); elsewhere they need Debian's
 * chromium and are skipped, saying why, without it.
 */
export function chromiumGate(env = process.env): { run: true } | { run: false; reason: string } {
  if (env['CI'] === 'true' || env['CI'] === '1' || existsSync(CHROMIUM)) return { run: true };
  return { run: false, reason: `${CHROMIUM} not found: apt-get install chromium (CI=true makes this test mandatory)` };
}

/** A headless Chromium, driven over DevTools (`cdp`). */
export interface HeadlessChromium {
  readonly cdp: CdpPipe;
  /** Its process id, also the id of the process group it leads. */
  readonly pid: number | undefined;
  /** The end of what it wrote on stderr, for an error message. */
  stderr(): string;
  /** Closes it over DevTools, or after `graceMs` kills it and all it started; resolves once they are gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts headless Chromium with `profile` (an empty directory, removed by the caller after
 * `stop()`) as its user data and temp dir: Chromium puts its singleton socket in an
 * `org.chromium.Chromium.*` dir in TMPDIR, which a killed browser leaves behind. Flags as this
 * machine kind needs them: no sandbox as root, no GPU, no background networking (the closed network
 * refuses it). Its own process group, so a browser that does not close is killed with its renderers.
 */
export async function startChromium(profile: string, executable = CHROMIUM): Promise<HeadlessChromium> {
  const tmp = join(profile, 'tmp');
  await mkdir(tmp);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--allow-file-access-from-files',
    '--remote-debugging-pipe',
    'about:blank',
  ];
  const child = spawn(executable, args, {
    detached: true,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const gone = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', (error) => {
      cdp.close(new Error(`cannot start ${executable}: ${error.message}`));
      resolve();
    });
  });
  return {
    cdp,
    pid: child.pid,
    stderr: () => stderr,
    async stop(graceMs = 5_000) {
      // Browser.close ends the renderers and removes the singleton socket; a hung browser is killed.
      cdp.send('Browser.close').catch(() => undefined);
      await within(gone, graceMs, () => new Error('still running')).catch(() => signalGroup(child, 'SIGKILL'));
      await gone;
    },
  };
}
