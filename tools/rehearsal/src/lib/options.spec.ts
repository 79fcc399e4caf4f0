import { EXIT } from './exit-codes';
import { parseOptions, USAGE } from './options';

describe('parseOptions', () => {
  it('defaults to every service and the local environment, checks on', () => {
    expect(parseOptions([])).toEqual({
      apps: [],
      environment: 'local',
      base: undefined,
      skipChecks: false,
      registry: undefined,
      repository: undefined,
      container: undefined,
      port: undefined,
      help: false,
    });
  });

  it('reads every flag, with or without a leading --', () => {
    expect(
      parseOptions([
        '--',
        '--base',
        'abc',
        '--skip-checks',
        '--app',
        'web',
        '--environment',
        'dev',
        '--registry',
        'r:1',
        '--repository',
        'a/b',
        '--container',
        'c',
        '--port',
        '3111',
        '-h',
      ]),
    ).toEqual({
      apps: ['web'],
      environment: 'dev',
      base: 'abc',
      skipChecks: true,
      registry: 'r:1',
      repository: 'a/b',
      container: 'c',
      port: '3111',
      help: true,
    });
  });

  it('takes several services, each once', () => {
    expect(parseOptions(['--app', 'api', '--app', 'status', '--app', 'api']).apps).toEqual(['api', 'status']);
  });

  it.each([
    ['--port', '3111'],
    ['--container', 'c'],
    ['--repository', 'a/b'],
  ])('refuses %s without exactly one --app: each service has its own', (flag, value) => {
    expect(() => parseOptions([flag, value])).toThrow(`${flag} overrides one service's environment`);
    expect(() => parseOptions(['--app', 'api', '--app', 'status', flag, value])).toThrow(
      'name that service with --app',
    );
  });

  it('refuses unknown flags and bad ports with the usage', () => {
    expect(() => parseOptions(['--versoin', 'v1'])).toThrow(
      expect.objectContaining({ exitCode: EXIT.notRehearsable, message: expect.stringContaining(USAGE) }),
    );
    expect(() => parseOptions(['--port', 'x'])).toThrow('--port "x" is not a TCP port');
  });
});
