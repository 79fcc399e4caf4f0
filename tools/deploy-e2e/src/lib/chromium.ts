import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * Loads a local page in headless Chromium, lets its scripts run (virtual time), and returns the
 * DOM it ended with. Flags as this machine kind needs them: no sandbox as root, no GPU, and no
 * background networking (the closed network refuses it), a fresh profile removed afterwards.
 */
export async function renderedDom(file: string, timeoutMs = 60_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'slipway-chromium-'));
  try {
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
      '--virtual-time-budget=20000',
      '--dump-dom',
      `file://${file}`,
    ];
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let dom = '';
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => (dom += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(killer);
        if (code === 0 && dom) resolve(dom);
        else reject(new Error(`chromium exited ${code}: ${errors.slice(-2000)}`));
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
