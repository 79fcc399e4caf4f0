import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildService, listen, readServiceConfig } from '@slipway/service-runtime';
import { httpGet } from '@slipway/service-runtime/testing';
import { statusService } from './status-service';

async function start(env: NodeJS.ProcessEnv) {
  const config = readServiceConfig(statusService.settings, { HOST: '127.0.0.1', PORT: '0', ...env });
  const service = await buildService(statusService, config, { logStream: { write: () => undefined } });
  await listen(service);
  const { port } = service.app.server.address() as AddressInfo;
  return { app: service.app, base: `http://127.0.0.1:${port}` };
}

describe('the status service over real HTTP (in process)', () => {
  let running: Awaited<ReturnType<typeof start>>;

  afterEach(() => running.app.close());

  it('answers GET /version with the build identity', async () => {
    running = await start({ APP_VERSION: 'v2.0.1', APP_COMMIT: 'fedcba9', APP_BUILT_AT: '2026-02-01T00:00:00Z' });
    expect(await httpGet(`${running.base}/version`)).toMatchObject({
      status: 200,
      json: { version: 'v2.0.1', commit: 'fedcba9', builtAt: '2026-02-01T00:00:00Z' },
    });
  });

  it('has the shared probes', async () => {
    running = await start({});
    expect(await httpGet(`${running.base}/healthz`)).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await httpGet(`${running.base}/readyz`)).toMatchObject({ status: 200, json: { status: 'ready' } });
  });

  it('answers unknown routes with a JSON 404', async () => {
    running = await start({});
    expect(await httpGet(`${running.base}/nothing-here`)).toMatchObject({
      status: 404,
      json: { statusCode: 404, error: 'Not Found' },
    });
  });

  describe('GET /status', () => {
    const upstreams: Server[] = [];
    /** A real service beside this one: answers /version with `answer`, or never, as told. */
    async function upstream(answer: ((res: ServerResponse) => void) | 'hang'): Promise<string> {
      const server = createServer((_req, res) => (answer === 'hang' ? undefined : answer(res)));
      upstreams.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    const version = (res: ServerResponse) =>
      res
        .setHeader('content-type', 'application/json')
        .end('{"version":"v1.3.0","commit":"0123456789abcdef0123456789abcdef01234567","builtAt":"unknown"}');

    afterEach(async () => {
      for (const server of upstreams.splice(0)) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('is ok with nothing to watch', async () => {
      running = await start({});
      expect(await httpGet(`${running.base}/status`)).toMatchObject({
        status: 200,
        json: { status: 'ok', services: [] },
      });
    });

    it('reports each service up with the build it runs', async () => {
      const api = await upstream(version);
      running = await start({ STATUS_TARGETS: `api=${api}` });
      expect((await httpGet(`${running.base}/status`)).json).toEqual({
        status: 'ok',
        services: [
          { name: 'api', url: api, up: true, version: 'v1.3.0', commit: '0123456789abcdef0123456789abcdef01234567' },
        ],
      });
    });

    it('is degraded, still with 200, when one is down, naming why for each', async () => {
      const api = await upstream(version);
      const broken = await upstream((res) => res.writeHead(500).end());
      const odd = await upstream((res) => res.setHeader('content-type', 'application/json').end('{"ok":true}'));
      const slow = await upstream('hang');
      const gone = await upstream(version);
      await new Promise((resolve) => upstreams.pop()!.close(resolve));
      running = await start({
        STATUS_TARGETS: `api=${api},broken=${broken},odd=${odd},slow=${slow},gone=${gone}`,
        STATUS_TIMEOUT_MS: '300',
      });
      const answer = await httpGet(`${running.base}/status`);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        status: 'degraded',
        services: [
          { name: 'api', up: true },
          { name: 'broken', up: false, error: '/version answered 500' },
          { name: 'odd', up: false, error: '/version answered without a version and a commit' },
          { name: 'slow', up: false, error: 'no answer within 300 ms' },
          { name: 'gone', up: false, error: 'ECONNREFUSED' },
        ],
      });
    });
  });
});
