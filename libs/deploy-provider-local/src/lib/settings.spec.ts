import { LOCAL_SETTINGS, parsePort, toLocalSettings, validateLocalSettings } from './settings';

describe('local settings', () => {
  const valid = { registry: '127.0.0.1:5055', repository: 'slipway/api', container: 'slipway-api-local' };

  it('accepts a usable environment and fills in port 3000 on the host network', () => {
    expect(validateLocalSettings(valid)).toEqual([]);
    expect(toLocalSettings(valid)).toEqual({ ...valid, port: 3000, network: 'host', containerPort: 3000 });
    expect(toLocalSettings({ ...valid, port: '3111', network: 'bridge', containerPort: '8080' })).toMatchObject({
      port: 3111,
      network: 'bridge',
      containerPort: 8080,
    });
  });

  it('names every problem at once, with the fix', () => {
    const problems = validateLocalSettings({
      registry: 'http://127.0.0.1:5055',
      repository: 'Slipway/API',
      container: '-bad',
      port: '70000',
      network: 'no spaces',
      containerPort: 'x',
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/has a scheme: give the host only, e\.g\. 127\.0\.0\.1:5055/);
    expect(problems[1]).toMatch(/not a valid OCI repository name/);
    expect(problems[2]).toMatch(/container "-bad" is not a Docker container name/);
    expect(problems[3]).toBe('port "70000" is not a TCP port (1-65535)');
    expect(problems[4]).toBe('containerPort "x" is not a TCP port (1-65535)');
    expect(problems[5]).toMatch(/network "no spaces" is not a Docker network name/);
  });

  it('requires registry, repository and container; port and network are optional', () => {
    expect(LOCAL_SETTINGS.filter((s) => s.required).map((s) => s.name)).toEqual([
      'registry',
      'repository',
      'container',
    ]);
    expect(validateLocalSettings({})).toEqual([]);
  });

  it('parses ports strictly', () => {
    expect(parsePort('1')).toBe(1);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('0')).toBeUndefined();
    expect(parsePort('3000.5')).toBeUndefined();
    expect(parsePort('')).toBeUndefined();
  });
});
