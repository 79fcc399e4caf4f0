import { buildInfoSettings } from './build-info';
import { readServiceConfig, runtimeSettings } from './runtime-config';

const apiSettings = { ...runtimeSettings, ...buildInfoSettings };

describe('buildInfoSettings, beside the runtime settings', () => {
  it('reads the build identity baked into the image', () => {
    expect(
      readServiceConfig(apiSettings, {
        APP_VERSION: 'v1.2.0',
        APP_COMMIT: 'abc1234',
        APP_BUILT_AT: '2026-01-31T12:00:00Z',
      }),
    ).toMatchObject({ appVersion: 'v1.2.0', appCommit: 'abc1234', appBuiltAt: '2026-01-31T12:00:00Z' });
  });

  it('defaults to values that cannot be mistaken for a release', () => {
    expect(readServiceConfig(apiSettings, {})).toMatchObject({
      appVersion: '0.0.0-development',
      appCommit: 'unknown',
      appBuiltAt: 'unknown',
    });
  });

  it('accepts the placeholders an image built without build arguments sets explicitly', () => {
    expect(
      readServiceConfig(apiSettings, { APP_VERSION: '0.0.0-dev', APP_COMMIT: 'unknown', APP_BUILT_AT: 'unknown' }),
    ).toMatchObject({
      appVersion: '0.0.0-dev',
      appCommit: 'unknown',
      appBuiltAt: 'unknown',
    });
  });

  it.each(['1.2.0', 'v1.2.0', '1.2.0-rc.1', '0.0.0-development', '1.2.0+sha.abc1234'])(
    'accepts version %s',
    (version) => expect(readServiceConfig(apiSettings, { APP_VERSION: version }).appVersion).toBe(version),
  );

  it.each(['latest', 'v1.2', '1.2.0.4', 'sha-abc1234'])('refuses version %s', (version) =>
    expect(() => readServiceConfig(apiSettings, { APP_VERSION: version })).toThrow(
      `APP_VERSION=${JSON.stringify(version)} is not allowed; expected a semantic version like v1.2.0 or 1.2.0-rc.1`,
    ),
  );

  it('keeps the runtime settings', () => {
    expect(readServiceConfig(apiSettings, { PORT: '8080' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
    });
  });
});
