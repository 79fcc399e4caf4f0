import type { AddressInfo } from 'node:net';
import { buildService, listen, readServiceConfig, type ErrorBody } from '@slipway/service-runtime';
import { httpGet } from '@slipway/service-runtime/testing';
import { apiService } from './api-service';

const lines: Record<string, unknown>[] = [];
const logStream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };

async function startApi(
  env: NodeJS.ProcessEnv,
  extraRoutes?: (app: Awaited<ReturnType<typeof buildService>>['app']) => void,
) {
  const config = readServiceConfig(apiService.settings, { HOST: '127.0.0.1', PORT: '0', ...env });
  const service = await buildService(apiService, config, { logStream });
  extraRoutes?.(service.app);
  await listen(service);
  const { port } = service.app.server.address() as AddressInfo;
  return { app: service.app, base: `http://127.0.0.1:${port}` };
}

describe('the api service over real HTTP (in process)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;

  afterEach(async () => {
    await api.app.close();
    lines.length = 0;
  });

  it('answers GET /version with the build identity', async () => {
    api = await startApi({ APP_VERSION: 'v2.0.1', APP_COMMIT: 'fedcba9', APP_BUILT_AT: '2026-02-01T00:00:00Z' });
    const answer = await httpGet(`${api.base}/version`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.text).toBe('{"version":"v2.0.1","commit":"fedcba9","builtAt":"2026-02-01T00:00:00Z"}');
  });

  it('has the shared probes', async () => {
    api = await startApi({});
    expect(await httpGet(`${api.base}/healthz`)).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await httpGet(`${api.base}/readyz`)).toMatchObject({ status: 200, json: { status: 'ready' } });
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    api = await startApi({});
    const answer = await httpGet(`${api.base}/versions`);
    expect(answer.status).toBe(404);
    expect((answer.json as ErrorBody).error).toBe('Not Found');
  });

  it('answers a failing handler with a JSON 500 without the stack, and logs it with the request id', async () => {
    api = await startApi({}, (app) =>
      app.get('/fail', async () => {
        throw new TypeError('cannot read secret of undefined');
      }),
    );
    const answer = await httpGet(`${api.base}/fail`);
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({
      statusCode: 500,
      error: 'Internal Server Error',
      requestId: answer.headers['x-request-id'],
    });
    expect(answer.text).not.toContain('secret');
    expect(answer.text).not.toContain('.ts:');
    expect(lines.find((line) => line['msg'] === 'request failed')).toMatchObject({
      level: 'error',
      requestId: answer.headers['x-request-id'],
    });
  });
});
