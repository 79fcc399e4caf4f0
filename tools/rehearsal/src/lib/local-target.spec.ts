import { checkPorts, resolveTarget } from './local-target';
import { parseOptions } from './options';

const LOCAL = {
  provider: 'local',
  registry: '127.0.0.1:5055',
  repository: 'slipway/api',
  container: 'slipway-api-local',
};

describe('resolveTarget', () => {
  it('uses the deploy config, port 3000 by default, with no override flags', () => {
    expect(resolveTarget('api', LOCAL, parseOptions([]), '127.0.0.1:5055')).toEqual({
      app: 'api',
      environment: 'local',
      registry: '127.0.0.1:5055',
      repository: 'slipway/api',
      container: 'slipway-api-local',
      port: 3000,
      overrides: [],
    });
  });

  it('publishes to the registry the container environment started, and tells the deploy so', () => {
    expect(resolveTarget('api', LOCAL, parseOptions([]), '127.0.0.1:6000')).toMatchObject({
      registry: '127.0.0.1:6000',
      overrides: ['--registry', '127.0.0.1:6000'],
    });
    expect(resolveTarget('api', LOCAL, parseOptions(['--registry', '127.0.0.1:7000']), '127.0.0.1:6000').registry).toBe(
      '127.0.0.1:7000',
    );
    expect(resolveTarget('api', { ...LOCAL, port: '3111' }, parseOptions([]), undefined)).toMatchObject({
      port: 3111,
      overrides: [],
    });
  });

  it("names the service's own deploy config when its environment is missing", () => {
    expect(() => resolveTarget('status', undefined, parseOptions([]), undefined)).toThrow(
      'apps/status/deploy.json has no "local" environment',
    );
  });
});

describe('checkPorts', () => {
  const target = (app: string, port: string) => resolveTarget(app, { ...LOCAL, port }, parseOptions([]), undefined);

  it('lets services on their own ports through', () => {
    expect(() => checkPorts([target('api', '3000'), target('status', '3001')])).not.toThrow();
  });

  it('refuses two services on one port, naming both', () => {
    expect(() => checkPorts([target('api', '3000'), target('status', '3001'), target('jobs', '3000')])).toThrow(
      'api and jobs both use port 3000 in their "local" environment: give one another port in its deploy.json',
    );
  });
});
