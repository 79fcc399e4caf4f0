import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeProcess } from '../test-support/fake-process';
import { httpGet, LogCapture } from '../test-support/http-client';
import { runtimeSettings } from './config/runtime-config';
import { runService } from './run-service';
import type { ServiceDefinition } from './service';

const definition: ServiceDefinition<typeof runtimeSettings> = {
  name: 'demo',
  settings: runtimeSettings,
  registerRoutes(app) {
    app.get('/hello', async () => ({ hello: 'world' }));
  },
};

describe('runService', () => {
  it('refuses bad configuration with one line on stderr and exit code 78, before building anything', async () => {
    const proc = new FakeProcess({ PORT: 'eighty' });
    const logs = new LogCapture();
    expect(await runService(definition, proc, { logStream: logs })).toBeUndefined();
    expect(proc.stderrText).toBe(
      'invalid configuration: PORT="eighty" is not allowed; expected an integer from 0 to 65535\n',
    );
    expect(proc.exitCodes).toEqual([78]);
    expect(logs.lines).toEqual([]);
  });

  it('listens, reports ready, serves, and exits 0 on SIGTERM', async () => {
    const proc = new FakeProcess({ HOST: '127.0.0.1', PORT: '0' });
    const logs = new LogCapture();
    const service = await runService(definition, proc, { logStream: logs });
    const { port } = service!.app.server.address() as AddressInfo;
    expect(await httpGet(`http://127.0.0.1:${port}/readyz`)).toMatchObject({ status: 200 });
    expect(await httpGet(`http://127.0.0.1:${port}/hello`)).toMatchObject({ status: 200, json: { hello: 'world' } });
    expect(logs.withMessage('demo is listening and ready')).toHaveLength(1);

    proc.emit('SIGTERM', 'SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('exits 1 with a fatal line when the port is taken', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const proc = new FakeProcess({ HOST: '127.0.0.1', PORT: String(port) });
      const logs = new LogCapture();
      expect(await runService(definition, proc, { logStream: logs })).toBeUndefined();
      expect(await proc.exited).toBe(1);
      expect(logs.withMessage(`cannot listen on 127.0.0.1:${port}: exiting`)[0]).toMatchObject({
        level: 'fatal',
        err: { code: 'EADDRINUSE' },
      });
    } finally {
      squatter.close();
    }
  });

  it.each([
    ['uncaughtException', 'uncaught exception: exiting'],
    ['unhandledRejection', 'unhandled promise rejection: exiting'],
  ])('exits 1 on %s, logging the error', async (event, message) => {
    const proc = new FakeProcess({ HOST: '127.0.0.1', PORT: '0' });
    const logs = new LogCapture();
    const service = await runService(definition, proc, { logStream: logs });
    try {
      proc.emit(event, new Error('lost'));
      expect(await proc.exited).toBe(1);
      expect(logs.withMessage(message)[0]).toMatchObject({ level: 'fatal', err: { message: 'lost' } });
    } finally {
      await service!.app.close();
    }
  });
});
