import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { CdpPipe } from './cdp-pipe';
import { startChromium, type HeadlessChromium } from './chromium';
import { within } from './within';

/**
 * Resolves once the page at `url` set `data-rendered` on its body (`yes`, or `error: …`), however
 * long its scripts take: the page's own signal, not a guess at when it is done. `null` while
 * another document (the blank one before the navigation) is still shown.
 */
const renderedSignal = (url: string) => `location.href !== ${JSON.stringify(url)} ? null : new Promise((resolve) => {
  const state = () => document.body && document.body.dataset.rendered;
  if (state()) return resolve(state());
  new MutationObserver((_, observer) => {
    if (!state()) return;
    observer.disconnect();
    resolve(state());
  }).observe(document, { attributes: true, childList: true, subtree: true });
})`;

/** What `--dump-dom` prints: the doctype and the root element's markup. */
const SERIALIZED_DOM = `(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '') +
  document.documentElement.outerHTML`;

/**
 * What Chromium answers when the document asked was replaced by the navigation meanwhile (since
 * Chromium 152 "Inspected target navigated or closed", before "Execution context was destroyed.").
 */
const CONTEXT_GONE =
  /Inspected target navigated or closed|Execution context was destroyed|Cannot find context with specified id/;

/** A headless Chromium that renders pages one after another, each in a tab of its own. */
export interface PageRenderer {
  /** The DOM `file` ended with once it set `data-rendered`; fails after `timeoutMs`, naming the page. */
  renderedDom(file: string, timeoutMs?: number): Promise<string>;
  /** Closes the browser (or kills it with all it started) and removes its profile. */
  close(): Promise<void>;
}

/**
 * Loads local pages in headless Chromium, waits until each page signals it is done (`data-rendered`
 * on its body) and returns the DOM it ended with. Chromium is driven over the DevTools protocol, not
 * `--dump-dom --virtual-time-budget`: that guesses readiness by a time budget, which on a loaded
 * machine ran out before the page's scripts had (a DOM without the charts). One browser for several
 * pages (its start costs more than a page), with a fresh profile that `close()` removes.
 */
export async function startPageRenderer(): Promise<PageRenderer> {
  const profile = await mkdtemp(join(tmpdir(), 'slipway-chromium-'));
  let browser: HeadlessChromium;
  try {
    browser = await startChromium(profile);
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    async renderedDom(file, timeoutMs = 30_000) {
      // Opening the tab counts against the timeout too: a browser that never answers fails the same way.
      let page: Awaited<ReturnType<typeof openPage>> | undefined;
      const rendered = async () => {
        page = await openPage(browser.cdp);
        return page.domOnceRendered(pathToFileURL(file).href);
      };
      try {
        return await within(rendered(), timeoutMs, () => {
          return new Error(`${file} did not set data-rendered within ${timeoutMs / 1000}s`);
        });
      } catch (error) {
        throw new Error(`chromium: ${(error as Error).message}\n${browser.stderr().slice(-2000)}`);
      } finally {
        await page?.close();
      }
    },
    async close() {
      try {
        await browser.stop();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/** One page in a browser of its own, which is closed and its profile removed, also when the page fails or times out. */
export async function renderedDom(file: string, timeoutMs = 30_000): Promise<string> {
  const renderer = await startPageRenderer();
  try {
    return await renderer.renderedDom(file, timeoutMs);
  } finally {
    await renderer.close();
  }
}

/** A new tab; closing it ends whatever still waits on it (its commands fail). */
async function openPage(cdp: CdpPipe) {
  const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  return {
    domOnceRendered: (url: string) => domOnceRendered(cdp, targetId, url),
    close: () =>
      cdp.send('Target.closeTarget', { targetId }).then(
        () => undefined,
        () => undefined, // the browser is gone already
      ),
  };
}

async function domOnceRendered(cdp: CdpPipe, targetId: string, url: string): Promise<string> {
  // flatten: the page's commands go on this same pipe, tagged with its sessionId.
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as {
    sessionId: string;
  };
  const evaluate = (expression: string) => evaluateIn(cdp, sessionId, expression);
  const navigation = (await cdp.send('Page.navigate', { url }, sessionId)) as { errorText?: string };
  if (navigation.errorText) throw new Error(`cannot open ${url}: ${navigation.errorText}`);
  // Until the page is the one shown, the signal is asked of the blank one (null) or of a
  // document the navigation replaces while it is asked (its context destroyed): ask again.
  for (;;) {
    try {
      if ((await evaluate(renderedSignal(url))) !== null) return String(await evaluate(SERIALIZED_DOM));
    } catch (error) {
      if (!CONTEXT_GONE.test((error as Error).message)) throw error;
    }
    await sleep(100);
  }
}

/** The value of `expression` in the page, awaited if a promise; its exception as an error. */
async function evaluateIn(cdp: CdpPipe, sessionId: string, expression: string): Promise<unknown> {
  const params = { expression, awaitPromise: true, returnByValue: true };
  const answer = (await cdp.send('Runtime.evaluate', params, sessionId)) as {
    result?: { value?: unknown };
    exceptionDetails?: { exception?: { description?: string }; text?: string };
  };
  const exception = answer.exceptionDetails;
  if (exception) throw new Error(exception.exception?.description ?? exception.text ?? 'evaluation failed');
  return answer.result?.value;
}
