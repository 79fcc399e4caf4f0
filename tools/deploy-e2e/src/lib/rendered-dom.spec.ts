import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportHtml } from '@slipway/deploy-engine';
import { chromiumGate } from './chromium';
import { renderedDom, startPageRenderer, type PageRenderer } from './rendered-dom';

const gate = chromiumGate();
const browserIt = gate.run ? it : it.skip;
if (!gate.run) console.warn(`skipped the headless Chromium checks: ${gate.reason}`);

/** Processes whose command line names `dir` (Chromium's name their profile, its crash handler too). */
function processesNaming(dir: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return command.includes(dir) ? [`${pid}: ${command}`] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
}

describe('renderedDom: a page in headless Chromium, read once it says it is done', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-rendered-dom-spec-'));
  // One browser for the pages that only need rendering; the timeout case starts its own, to see it gone.
  let renderer: PageRenderer | undefined;
  beforeAll(async () => {
    if (gate.run) renderer = await startPageRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const page = (name: string, html: string) => {
    const file = join(dir, name);
    writeFileSync(file, html);
    return file;
  };

  browserIt(
    'waits for data-rendered, set after the load in a later task, and returns the DOM it ended with',
    async () => {
      const file = page(
        'late.html',
        '<!doctype html><html><body><p id="p">before → </p><script>' +
          'addEventListener("load", () => setTimeout(() => {' +
          ' document.getElementById("p").textContent += "after"; document.body.dataset.rendered = "yes"; }, 700));' +
          '</script></body></html>',
      );
      const dom = await renderer!.renderedDom(file);
      expect(dom).toMatch(/^<!DOCTYPE html>\n<html>/);
      expect(dom).toContain('data-rendered="yes"');
      expect(dom).toContain('<p id="p">before → after</p>');
    },
  );

  browserIt('a report page whose mermaid does not load says so instead of never finishing', async () => {
    const file = page('report.html', reportHtml('# report\n```mermaid\ngantt\n```\n', join(dir, 'no-mermaid.js')));
    const dom = await renderer!.renderedDom(file);
    expect(dom).toMatch(/data-rendered="error: ReferenceError: mermaid is not defined"/);
  });

  browserIt('a page that does not exist: an error naming it', async () => {
    await expect(renderer!.renderedDom(join(dir, 'missing.html'))).rejects.toThrow(
      /chromium: cannot open file:\/\/.*\/missing\.html: net::ERR_FILE_NOT_FOUND/,
    );
  });

  browserIt(
    'a page that never says it is done fails at the timeout, naming the page, and leaves no browser or profile behind',
    async () => {
      const file = page('silent.html', '<!doctype html><html><body><p>silent</p></body></html>');
      const ownTmp = join(dir, 'tmp');
      mkdirSync(ownTmp);
      const outerTmp = process.env['TMPDIR'];
      process.env['TMPDIR'] = ownTmp;
      try {
        await expect(renderedDom(file, 3_000)).rejects.toThrow(`${file} did not set data-rendered within 3s`);
      } finally {
        if (outerTmp === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = outerTmp;
      }
      expect(readdirSync(ownTmp)).toEqual([]);
      expect(processesNaming(ownTmp)).toEqual([]);
    },
  );
});
