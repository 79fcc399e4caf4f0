// The built bundle (dist/apps/api/main.js, what the image runs) as a child process over real HTTP.
// The api's test target depends on its build target, so the bundle is always current here.
import { Agent } from 'node:http';
import { join } from 'node:path';
import {
  httpGet,
  refusesConnections,
  spawnService,
  standaloneBundle,
  startService,
  stopIfRunning,
  waitFor,
  type HttpAnswer,
  type RunningService,
} from '@slipway/service-runtime/testing';

jest.setTimeout(30_000);

const BUILD_ENV = {
  APP_VERSION: 'v1.4.2',
  APP_COMMIT: '0123456789abcdef0123456789abcdef01234567',
  APP_BUILT_AT: '2026-01-31T12:00:00Z',
};

const BUNDLE = join(__dirname, '../../../dist/apps/api/main.js');
// GET /test/hold, preloaded into the bundle by the shutdown tests (never part of the bundle).
const HOLD_ROUTE = { preload: join(__dirname, 'test-support/hold-route.cjs') };

let bundle: ReturnType<typeof standaloneBundle>;
let api: RunningService | undefined;

beforeAll(() => {
  bundle = standaloneBundle(BUNDLE);
});
afterAll(() => bundle.remove());
afterEach(async () => {
  await stopIfRunning(api);
  api = undefined;
});

describe('the bundle, alone in an empty directory', () => {
  it('serves every route, logs JSON with a request id on every request line, and exits 0 on SIGTERM', async () => {
    api = await startService(bundle.path, BUILD_ENV);
    expect(await httpGet(`${api.base}/healthz`)).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await httpGet(`${api.base}/readyz`)).toMatchObject({ status: 200, json: { status: 'ready' } });
    const version = await httpGet(`${api.base}/version`);
    expect(version).toMatchObject({
      status: 200,
      json: { version: 'v1.4.2', commit: BUILD_ENV.APP_COMMIT, builtAt: '2026-01-31T12:00:00Z' },
    });
    expect(version.headers['content-type']).toBe('application/json; charset=utf-8');
    const missing = await httpGet(`${api.base}/missing`);
    expect(missing).toMatchObject({
      status: 404,
      json: { statusCode: 404, error: 'Not Found', requestId: missing.headers['x-request-id'] },
    });

    api.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    const lines = api.logLines();
    const requestLines = lines.filter((line) => 'url' in line);
    // At the default LOG_LEVEL=info only the failed request has an access line (see AccessLogController).
    expect(requestLines.map((line) => [line['url'], line['statusCode']])).toEqual([['/missing', 404]]);
    expect(requestLines[0]).toMatchObject({
      level: 'info',
      service: 'api',
      requestId: missing.headers['x-request-id'],
    });
    expect(lines.map((line) => line['msg'])).toEqual(
      expect.arrayContaining(['api is listening and ready', 'shutdown complete']),
    );
    expect(api.stderr()).toBe('');
  });

  it('says plainly that a build without APP_* values is a development build', async () => {
    api = await startService(bundle.path);
    expect((await httpGet(`${api.base}/version`)).json).toEqual({
      version: '0.0.0-development',
      commit: 'unknown',
      builtAt: 'unknown',
    });
  });
});

describe('bad configuration', () => {
  it.each([
    ['PORT', 'http', 'an integer from 0 to 65535'],
    ['HOST', 'not a host', 'an IPv4 or IPv6 address or a hostname (0.0.0.0 listens on every interface)'],
    ['LOG_LEVEL', 'verbose', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['SHUTDOWN_TIMEOUT_MS', '60000', 'an integer from 1 to 25000'],
    ['APP_COMMIT', 'HEAD', 'a git commit sha (7 to 40 lower-case hex digits), or "unknown"'],
    ['APP_BUILT_AT', 'now', 'a UTC timestamp like 2026-01-31T12:00:00Z, or "unknown"'],
  ])(
    '%s=%j exits 78 with one line naming the variable, the value and what is allowed',
    async (variable, value, allowed) => {
      // PORT=0 unless PORT is the variable under test: a wrongly accepted value must not take port 3000.
      api = spawnService(bundle.path, { PORT: '0', [variable]: value });
      expect(await api.exited).toEqual({ code: 78, signal: null });
      expect(api.stderr()).toBe(
        `invalid configuration: ${variable}=${JSON.stringify(value)} is not allowed; expected ${allowed}\n`,
      );
      expect(api.stdout()).toBe('');
    },
  );
});

describe('graceful shutdown', () => {
  /** Starts a request that the preloaded route holds in flight, and waits until the handler has it. */
  async function holdARequest(
    running: RunningService,
    agent?: Agent,
  ): Promise<{ settled(): boolean; answer: Promise<HttpAnswer | Error> }> {
    let settled = false;
    const answer = httpGet(`${running.base}/test/hold`, { agent }).then(
      (result) => result,
      (error: Error) => error,
    );
    void answer.finally(() => (settled = true));
    await waitFor('the held request to reach its handler', () => running.stderr().includes('hold: entered'));
    return { settled: () => settled, answer };
  }

  it('on SIGTERM: readiness 503 during the drain delay, new connections refused after it, the in-flight request completes with 200, exit 0', async () => {
    api = await startService(bundle.path, { SHUTDOWN_DRAIN_DELAY_MS: '2000' }, HOLD_ROUTE);
    const agent = new Agent({ keepAlive: true });
    const held = await holdARequest(api, agent);

    api.child.kill('SIGTERM');
    // The drain delay: the listener stays open and readiness says 503, so load balancers stop
    // routing here. (Polled: the signal reaches the child's event loop a moment after kill().)
    let readiness: HttpAnswer | undefined;
    await waitFor('readiness to answer 503', async () => {
      readiness = await httpGet(`${api!.base}/readyz`);
      return readiness.status !== 200;
    });
    expect(readiness).toMatchObject({ status: 503, json: { status: 'draining' } });
    expect(readiness!.headers['connection']).toBe('close');
    // Then the listener closes while the held request is still running.
    await waitFor('new connections to be refused', () => refusesConnections(`${api!.base}/healthz`));
    expect(held.settled()).toBe(false);

    api.child.kill('SIGUSR2');
    const answer = await held.answer;
    expect(answer).toMatchObject({ status: 200, json: { held: true } });
    expect((answer as HttpAnswer).headers['connection']).toBe('close');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    // In order, as the batched log is flushed before the exit (a probe that raced the close may
    // add Fastify's own "request aborted" line in between).
    const lines = api.logLines();
    const order = [
      lines.findIndex((line) => line['msg'] === 'shutdown started: readiness now answers 503'),
      lines.findIndex(
        (line) => line['msg'] === 'closing the listener: new connections are refused, in-flight requests finish',
      ),
      lines.findIndex((line) => line['url'] === '/test/hold' && line['statusCode'] === 200),
      lines.findIndex((line) => line['msg'] === 'shutdown complete'),
    ];
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    agent.destroy();
  });

  it('on SIGINT without a drain delay: refuses new connections at once and still finishes the in-flight request', async () => {
    api = await startService(bundle.path, {}, HOLD_ROUTE);
    const held = await holdARequest(api);

    api.child.kill('SIGINT');
    await waitFor('new connections to be refused', () => refusesConnections(`${api!.base}/healthz`));
    expect(held.settled()).toBe(false);
    api.child.kill('SIGUSR2');
    expect(await held.answer).toMatchObject({ status: 200 });
    expect(await api.exited).toEqual({ code: 0, signal: null });
  });

  it('a second signal forces the exit (128 + signal number) and drops the in-flight request', async () => {
    api = await startService(bundle.path, { SHUTDOWN_DRAIN_DELAY_MS: '5000' }, HOLD_ROUTE);
    const held = await holdARequest(api);

    api.child.kill('SIGTERM');
    await waitFor('readiness to answer 503', async () => (await httpGet(`${api!.base}/readyz`)).status === 503);
    api.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 143, signal: null });
    expect(await held.answer).toMatchObject({ code: 'ECONNRESET' });
    expect(api.logLines().map((line) => line['msg'])).toContain(
      'second signal during shutdown: exiting now, in-flight requests are dropped',
    );
  });

  it('exits 1 when in-flight requests outlast SHUTDOWN_TIMEOUT_MS', async () => {
    api = await startService(bundle.path, { SHUTDOWN_TIMEOUT_MS: '300' }, HOLD_ROUTE);
    const held = await holdARequest(api);

    api.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 1, signal: null });
    expect(await held.answer).toMatchObject({ code: 'ECONNRESET' });
    expect(api.logLines().find((line) => line['level'] === 'error')).toMatchObject({
      msg: 'shutdown timed out: closing the connections still open and exiting 1',
      timeoutMs: 300,
    });
  });
});
