import { EXIT } from './exit-codes';
import { parseOptions, USAGE } from './options';

describe('parseOptions', () => {
  it('defaults to the api and its local environment, checks on', () => {
    expect(parseOptions([])).toEqual({
      app: 'api',
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
      app: 'web',
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

  it('refuses unknown flags and bad ports with the usage', () => {
    expect(() => parseOptions(['--versoin', 'v1'])).toThrow(
      expect.objectContaining({ exitCode: EXIT.notRehearsable, message: expect.stringContaining(USAGE) }),
    );
    expect(() => parseOptions(['--port', 'x'])).toThrow('--port "x" is not a TCP port');
  });
});
