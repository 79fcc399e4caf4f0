// The built bundle (dist/apps/status/main.js, what the image runs) as a child process over real HTTP.
// The test target depends on the build target, so the bundle is always current here.
import { join } from 'node:path';
import {
  httpGet,
  spawnService,
  standaloneBundle,
  startService,
  stopIfRunning,
  type RunningService,
} from '@slipway/service-runtime/testing';

jest.setTimeout(30_000);

const BUNDLE = join(__dirname, '../../../dist/apps/status/main.js');
const BUILD_ENV = {
  APP_VERSION: 'v1.4.2',
  APP_COMMIT: '0123456789abcdef0123456789abcdef01234567',
  APP_BUILT_AT: '2026-01-31T12:00:00Z',
};

let bundle: ReturnType<typeof standaloneBundle>;
let running: RunningService | undefined;

beforeAll(() => {
  bundle = standaloneBundle(BUNDLE);
});
afterAll(() => bundle.remove());
afterEach(async () => {
  await stopIfRunning(running);
  running = undefined;
});

describe('the status bundle, alone in an empty directory', () => {
  it('answers /version with the build identity and exits 0 on SIGTERM', async () => {
    running = await startService(bundle.path, BUILD_ENV);
    expect(await httpGet(`${running.base}/version`)).toMatchObject({
      status: 200,
      json: { version: 'v1.4.2', commit: BUILD_ENV.APP_COMMIT, builtAt: BUILD_ENV.APP_BUILT_AT },
    });
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.logLines().map((line) => line['msg'])).toContain('shutdown complete');
    expect(running.stderr()).toBe('');
  });

  it('exits 78 with one line naming a bad setting', async () => {
    running = spawnService(bundle.path, { PORT: '0', APP_VERSION: 'latest' });
    expect(await running.exited).toEqual({ code: 78, signal: null });
    expect(running.stderr()).toBe(
      'invalid configuration: APP_VERSION="latest" is not allowed; expected a semantic version like v1.2.0 or 1.2.0-rc.1\n',
    );
  });
});
