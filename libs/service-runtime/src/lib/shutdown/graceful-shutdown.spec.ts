import { Agent } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deferred, FakeProcess, waitFor } from '../../test-support/fake-process';
import { httpGet, LogCapture, type HttpAnswer } from '../../test-support/http-client';
import { readServiceConfig, runtimeSettings } from '../config/runtime-config';
import { buildService, listen, type Service } from '../service';
import { installGracefulShutdown } from './graceful-shutdown';

interface Harness {
  service: Service<typeof runtimeSettings>;
  proc: FakeProcess;
  base: string;
  logs: LogCapture;
  slowEntered: Promise<void>;
  releaseSlow(): void;
}

async function start(env: NodeJS.ProcessEnv): Promise<Harness> {
  const entered = deferred();
  const release = deferred();
  const logs = new LogCapture();
  const config = readServiceConfig(runtimeSettings, { HOST: '127.0.0.1', PORT: '0', ...env });
  const service = await buildService(
    {
      name: 'demo',
      settings: runtimeSettings,
      registerRoutes(app) {
        app.get('/slow', async () => {
          entered.resolve();
          await release.promise;
          return { done: true };
        });
      },
    },
    config,
    { logStream: logs },
  );
  await listen(service);
  const proc = new FakeProcess();
  installGracefulShutdown(
    {
      app: service.app,
      readiness: service.readiness,
      drainDelayMs: config.drainDelayMs,
      timeoutMs: config.shutdownTimeoutMs,
    },
    proc,
  );
  const { port } = service.app.server.address() as AddressInfo;
  return {
    service,
    proc,
    base: `http://127.0.0.1:${port}`,
    logs,
    slowEntered: entered.promise,
    releaseSlow: () => release.resolve(),
  };
}

function refusesConnections(url: string): Promise<boolean> {
  return httpGet(url).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  );
}

describe('graceful shutdown', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    if (!harness) return;
    harness.releaseSlow();
    harness.service.app.server.closeAllConnections();
    await harness.service.app.close();
    harness = undefined;
  });

  it('turns readiness to 503, keeps serving through the drain delay, then refuses connections, lets in-flight requests finish, and exits 0', async () => {
    harness = await start({ SHUTDOWN_DRAIN_DELAY_MS: '1000', SHUTDOWN_TIMEOUT_MS: '10000' });
    const { base, proc } = harness;
    const agent = new Agent({ keepAlive: true });
    let slowAnswer: HttpAnswer | undefined;
    const slow = httpGet(`${base}/slow`, { agent }).then((answer) => (slowAnswer = answer));
    await harness.slowEntered;

    proc.emit('SIGTERM', 'SIGTERM');
    // Drain delay: the listener is still open, and readiness tells the load balancer to stop.
    expect(await httpGet(`${base}/readyz`)).toMatchObject({ status: 503, json: { status: 'draining' } });
    expect((await httpGet(`${base}/healthz`)).status).toBe(200);

    await waitFor('the listener to close', () => refusesConnections(`${base}/healthz`));
    expect(slowAnswer).toBeUndefined();
    expect(proc.exitCodes).toEqual([]);

    harness.releaseSlow();
    await slow;
    expect(slowAnswer).toMatchObject({ status: 200, json: { done: true } });
    // The in-flight response tells its keep-alive client not to reuse the socket.
    expect(slowAnswer?.headers['connection']).toBe('close');
    expect(await proc.exited).toBe(0);
    expect(harness.logs.withMessage('shutdown complete')).toHaveLength(1);
    agent.destroy();
  });

  it('closes idle keep-alive sockets when the listener closes', async () => {
    harness = await start({});
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets: Socket[] = [];
    agent.on('free', (socket: Socket) => sockets.push(socket));
    await httpGet(`${harness.base}/healthz`, { agent });
    await waitFor('the client socket to turn idle', () => sockets.length === 1);
    const closed = new Promise<void>((resolve) => sockets[0]!.once('close', () => resolve()));

    harness.proc.emit('SIGINT', 'SIGINT');
    await closed;
    expect(await harness.proc.exited).toBe(0);
    agent.destroy();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('exits at once with 128 + n on a second signal (%s → %i)', async (second, code) => {
    harness = await start({});
    const slow = httpGet(`${harness.base}/slow`).catch((error: Error) => error);
    await harness.slowEntered;

    harness.proc.emit('SIGTERM', 'SIGTERM');
    await waitFor('readiness to drain', () => harness!.service.readiness.state === 'draining');
    expect(harness.proc.exitCodes).toEqual([]);

    harness.proc.emit(second, second);
    expect(await harness.proc.exited).toBe(code);
    expect(
      harness.logs.withMessage('second signal during shutdown: exiting now, in-flight requests are dropped'),
    ).toHaveLength(1);
    harness.service.app.server.closeAllConnections();
    await slow;
  });

  it('gives up after the timeout: drops the connections still open and exits 1', async () => {
    harness = await start({ SHUTDOWN_TIMEOUT_MS: '200' });
    const slow = httpGet(`${harness.base}/slow`).catch((error: NodeJS.ErrnoException) => error);
    await harness.slowEntered;

    harness.proc.emit('SIGTERM', 'SIGTERM');
    expect(await harness.proc.exited).toBe(1);
    expect(await slow).toMatchObject({ code: 'ECONNRESET' });
    expect(
      harness.logs.withMessage('shutdown timed out: closing the connections still open and exiting 1'),
    ).toHaveLength(1);
  });
});
