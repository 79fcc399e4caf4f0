import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet, LogCapture } from '../test-support/http-client';
import { readServiceConfig, runtimeSettings } from './config/runtime-config';
import { buildService, listen, type Service, type ServiceDefinition } from './service';

const definition: ServiceDefinition<typeof runtimeSettings> = {
  name: 'demo',
  settings: runtimeSettings,
  registerRoutes(app) {
    app.get('/hello', async (request) => {
      request.log.info('saying hello');
      return { hello: 'world' };
    });
    app.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    app.post('/echo', async (request) => request.body);
  },
};

async function startDemo(
  env: NodeJS.ProcessEnv = {},
): Promise<{ service: Service<typeof runtimeSettings>; base: string; logs: LogCapture }> {
  const logs = new LogCapture();
  const config = readServiceConfig(runtimeSettings, { HOST: '127.0.0.1', PORT: '0', ...env });
  const service = await buildService(definition, config, { logStream: logs });
  await listen(service);
  const { port } = service.app.server.address() as AddressInfo;
  return { service, base: `http://127.0.0.1:${port}`, logs };
}

/** A demo with its own settings, closed after `use` whatever happens. */
async function withDemo(
  env: NodeJS.ProcessEnv,
  use: (demo: Awaited<ReturnType<typeof startDemo>>) => Promise<void>,
): Promise<void> {
  const demo = await startDemo(env);
  try {
    await use(demo);
  } finally {
    await demo.service.app.close();
  }
}

describe('a service built on the runtime, over real HTTP', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;

  beforeEach(async () => {
    demo = await startDemo();
  });
  afterEach(async () => {
    await demo.service.app.close();
  });

  it('answers liveness with 200', async () => {
    const answer = await httpGet(`${demo.base}/healthz`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers readiness with 200 once listening, and 503 from the moment it drains', async () => {
    expect(await httpGet(`${demo.base}/readyz`)).toMatchObject({ status: 200, json: { status: 'ready' } });
    demo.service.readiness.markDraining();
    expect(await httpGet(`${demo.base}/readyz`)).toMatchObject({ status: 503, json: { status: 'draining' } });
    expect((await httpGet(`${demo.base}/healthz`)).status).toBe(200);
  });

  it('serves the routes the service registers', async () => {
    expect(await httpGet(`${demo.base}/hello`)).toMatchObject({ status: 200, json: { hello: 'world' } });
  });

  it('answers an unknown route with a JSON 404 that carries the request id', async () => {
    const answer = await httpGet(`${demo.base}/nope?x=1`);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no route for GET /nope?x=1',
      requestId: answer.headers['x-request-id'],
    });
  });

  it('answers a failure with a JSON 500 that reveals neither the message nor the stack', async () => {
    const answer = await httpGet(`${demo.base}/boom`);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'the server failed to handle this request; quote the request id when reporting it',
      requestId: answer.headers['x-request-id'],
    });
    expect(answer.text).not.toMatch(/hunter2|at .*\.ts|stack/);
    // The log keeps the details, tied to the same request id.
    const failure = demo.logs.withMessage('request failed')[0];
    expect(failure).toMatchObject({ level: 'error', requestId: answer.headers['x-request-id'] });
    expect(JSON.stringify(failure)).toContain('hunter2');
  });

  it('keeps the message of a client error, which says what to fix', async () => {
    const answer = await httpGet(`${demo.base}/echo`, {
      method: 'POST',
      body: '{"broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      requestId: answer.headers['x-request-id'],
    });
    expect((answer.json as { message: string }).message).toMatch(/JSON/);
  });

  it('gives every request an id, returns it, and writes it on every line logged for that request', async () => {
    await withDemo({ LOG_LEVEL: 'debug' }, async (verbose) => {
      const answer = await httpGet(`${verbose.base}/hello`);
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
      const lines = verbose.logs.lines.filter((line) => line['requestId'] === id);
      expect(lines.map((line) => line['msg'])).toEqual(['saying hello', 'request completed']);
      for (const line of verbose.logs.lines.filter((line) => 'method' in line || line['msg'] === 'saying hello')) {
        expect(line['requestId']).toEqual(expect.any(String));
      }
    });
  });

  it('writes a structured access line at info for a request that failed', async () => {
    const answer = await httpGet(`${demo.base}/nope?name=x`);
    const access = demo.logs
      .withMessage('request completed')
      .find((line) => line['requestId'] === answer.headers['x-request-id']);
    expect(access).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'demo',
      pid: process.pid,
      hostname: expect.any(String),
      requestId: answer.headers['x-request-id'],
      method: 'GET',
      url: '/nope?name=x',
      statusCode: 404,
      durationMs: expect.any(Number),
      msg: 'request completed',
    });
  });

  it('writes the access line of a request that succeeded in time at debug, so the info log stays small', async () => {
    await httpGet(`${demo.base}/hello`);
    expect(demo.logs.withMessage('request completed')).toEqual([]);
    await withDemo({ LOG_LEVEL: 'debug' }, async (verbose) => {
      await httpGet(`${verbose.base}/hello`);
      expect(verbose.logs.withMessage('request completed')).toEqual([
        expect.objectContaining({ level: 'debug', url: '/hello', statusCode: 200 }),
      ]);
    });
  });

  it('writes the access line of a slow request at info; SLOW_REQUEST_MS=0 counts every request as slow', async () => {
    await withDemo({ SLOW_REQUEST_MS: '0' }, async (everyRequest) => {
      await httpGet(`${everyRequest.base}/hello`);
      expect(everyRequest.logs.withMessage('request completed')).toEqual([
        expect.objectContaining({ level: 'info', url: '/hello', statusCode: 200 }),
      ]);
    });
  });

  it('keeps a caller-supplied request id so one id follows a request across services', async () => {
    const answer = await httpGet(`${demo.base}/hello`, { headers: { 'x-request-id': 'edge-42.a:b' } });
    expect(answer.headers['x-request-id']).toBe('edge-42.a:b');
    expect(demo.logs.lines.some((line) => line['requestId'] === 'edge-42.a:b')).toBe(true);
  });

  it('replaces a request id that could forge log content', async () => {
    const answer = await httpGet(`${demo.base}/hello`, { headers: { 'x-request-id': 'a"b' } });
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
  });

  it('keeps probe requests out of the info access log', async () => {
    await httpGet(`${demo.base}/healthz`);
    await httpGet(`${demo.base}/readyz`);
    expect(demo.logs.lines.filter((line) => line['url'] === '/healthz' || line['url'] === '/readyz')).toEqual([]);
  });

  it('asks keep-alive clients to reconnect elsewhere once draining', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await httpGet(`${demo.base}/hello`, { agent })).headers['connection']).toBe('keep-alive');
      demo.service.readiness.markDraining();
      expect((await httpGet(`${demo.base}/hello`, { agent })).headers['connection']).toBe('close');
    } finally {
      agent.destroy();
    }
  });
});

describe('log level', () => {
  it('logs probe requests at debug', async () => {
    const demo = await startDemo({ LOG_LEVEL: 'debug' });
    try {
      await httpGet(`${demo.base}/readyz`);
      expect(demo.logs.lines.find((line) => line['url'] === '/readyz')).toMatchObject({
        level: 'debug',
        statusCode: 200,
      });
    } finally {
      await demo.service.app.close();
    }
  });

  it('writes nothing per request at warn', async () => {
    const demo = await startDemo({ LOG_LEVEL: 'warn' });
    try {
      await httpGet(`${demo.base}/hello`);
      expect(demo.logs.lines).toEqual([]);
    } finally {
      await demo.service.app.close();
    }
  });
});

describe('readiness before listening', () => {
  it('answers 503 "starting" until listen() reports ready', async () => {
    const config = readServiceConfig(runtimeSettings, { HOST: '127.0.0.1', PORT: '0' });
    const service = await buildService(definition, config, { logStream: new LogCapture() });
    try {
      expect(service.readiness.state).toBe('starting');
      // Listening without the runtime's listen(): the socket is open, readiness not yet flipped.
      await service.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = service.app.server.address() as AddressInfo;
      expect(await httpGet(`http://127.0.0.1:${port}/readyz`)).toMatchObject({
        status: 503,
        json: { status: 'starting' },
      });
    } finally {
      await service.app.close();
    }
  });
});
