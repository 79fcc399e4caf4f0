import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { httpGet } from '../../test-support/http-client';
import { buildInfoSettings } from '../config/build-info';
import { readConfig } from '../config/read-config';
import { registerVersionRoute } from './version-route';

describe('registerVersionRoute', () => {
  it('answers GET /version with the build identity, as JSON', async () => {
    const app = fastify();
    registerVersionRoute(
      app,
      readConfig(buildInfoSettings, {
        APP_VERSION: 'v3.1.4',
        APP_COMMIT: '0123456789abcdef0123456789abcdef01234567',
        APP_BUILT_AT: '2026-03-01T10:00:00Z',
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      const answer = await httpGet(`http://127.0.0.1:${port}/version`);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.text).toBe(
        '{"version":"v3.1.4","commit":"0123456789abcdef0123456789abcdef01234567","builtAt":"2026-03-01T10:00:00Z"}',
      );
    } finally {
      await app.close();
    }
  });
});
