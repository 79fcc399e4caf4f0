import { resolveTarget } from './local-target';
import { parseOptions } from './options';

const LOCAL = {
  provider: 'local',
  registry: '127.0.0.1:5055',
  repository: 'slipway/api',
  container: 'slipway-api-local',
};

describe('resolveTarget', () => {
  it('uses the deploy config, port 3000 by default, with no override flags', () => {
    expect(resolveTarget(LOCAL, parseOptions([]), '127.0.0.1:5055', 'deploy.json')).toEqual({
      environment: 'local',
      registry: '127.0.0.1:5055',
      repository: 'slipway/api',
      container: 'slipway-api-local',
      port: 3000,
      overrides: [],
    });
  });

  it('publishes to the registry the container environment started, and tells the deploy so', () => {
    expect(resolveTarget(LOCAL, parseOptions([]), '127.0.0.1:6000', 'deploy.json')).toMatchObject({
      registry: '127.0.0.1:6000',
      overrides: ['--registry', '127.0.0.1:6000'],
    });
    expect(
      resolveTarget(LOCAL, parseOptions(['--registry', '127.0.0.1:7000']), '127.0.0.1:6000', 'deploy.json').registry,
    ).toBe('127.0.0.1:7000');
    expect(resolveTarget({ ...LOCAL, port: '3111' }, parseOptions([]), undefined, 'deploy.json')).toMatchObject({
      port: 3111,
      overrides: [],
    });
  });
});
