import { ConfigError } from './read-config';
import { readServiceConfig, runtimeSettings } from './runtime-config';

describe('readServiceConfig with the runtime settings', () => {
  it('has production defaults: port 3000 on every interface, info logs, 10 s shutdown, no drain delay, 1 s slow requests', () => {
    expect(readServiceConfig(runtimeSettings, {})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      drainDelayMs: 0,
      slowRequestMs: 1000,
    });
  });

  it('refuses a slow-request threshold that is not a whole number of milliseconds', () => {
    expect(() => readServiceConfig(runtimeSettings, { SLOW_REQUEST_MS: '1.5s' })).toThrow(
      'SLOW_REQUEST_MS="1.5s" is not allowed; expected an integer from 0 to 3600000',
    );
  });

  it('refuses a shutdown timeout that ECS would cut short with SIGKILL', () => {
    expect(() => readServiceConfig(runtimeSettings, { SHUTDOWN_TIMEOUT_MS: '30000' })).toThrow(
      'SHUTDOWN_TIMEOUT_MS="30000" is not allowed; expected an integer from 1 to 25000',
    );
  });

  it('refuses a drain delay that leaves no time for in-flight requests', () => {
    let caught: unknown;
    try {
      readServiceConfig(runtimeSettings, { SHUTDOWN_TIMEOUT_MS: '2000', SHUTDOWN_DRAIN_DELAY_MS: '2000' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toBe(
      'invalid configuration: SHUTDOWN_DRAIN_DELAY_MS="2000" is not allowed; expected an integer below SHUTDOWN_TIMEOUT_MS (2000), because the drain delay is part of the shutdown budget',
    );
  });

  it('accepts a drain delay inside the timeout', () => {
    expect(
      readServiceConfig(runtimeSettings, { SHUTDOWN_TIMEOUT_MS: '2000', SHUTDOWN_DRAIN_DELAY_MS: '1999' }),
    ).toMatchObject({
      shutdownTimeoutMs: 2000,
      drainDelayMs: 1999,
    });
  });
});
