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
});
