import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@slipway/testing';
import { startChromium } from './chromium';

/** The processes of group `pgid` that still run (a zombie has ended; its parent reaps it). */
function runningInGroup(pgid: number): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        // pid (comm) state ppid pgrp …: comm may hold spaces, so read from its closing parenthesis.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z' ? [`${pid} ${stat}`] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
}

describe('startChromium: a browser that misbehaves still ends, with all it started', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-chromium-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const profile = (name: string) => mkdtempSync(join(dir, `${name}-`));

  it('one that answers nothing on its DevTools pipe is killed on stop(), and so is every process it started', async () => {
    // Stands in for a hung browser: it never reads fd 3, and leaves a child of its own running.
    const hung = join(dir, 'hung-browser');
    writeFileSync(hung, '#!/bin/sh\nsleep 300 &\nwait\n');
    chmodSync(hung, 0o755);
    const browser = await startChromium(profile('hung'), hung);
    try {
      const pid = browser.pid!;
      await waitFor('the hung browser and its child', async () => runningInGroup(pid).length === 2 || undefined);
      const asked = browser.cdp.send('Browser.getVersion').catch((error: Error) => error);
      await browser.stop(500);
      expect(runningInGroup(pid)).toEqual([]);
      expect(String(await asked)).toMatch(/DevTools pipe/);
    } finally {
      await browser.stop();
    }
  });

  it('one that cannot start: every command fails naming the executable, stop() returns', async () => {
    const browser = await startChromium(profile('missing'), join(dir, 'no-such-browser'));
    await expect(browser.cdp.send('Browser.getVersion')).rejects.toThrow(
      `cannot start ${join(dir, 'no-such-browser')}: spawn ${join(dir, 'no-such-browser')} ENOENT`,
    );
    await browser.stop();
  });
});
