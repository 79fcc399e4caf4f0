import { ConfigError, readConfig } from './read-config';
import { integerSetting, oneOfSetting } from './setting';

const spec = {
  port: integerSetting('PORT', 3000, 0, 65_535),
  level: oneOfSetting('LOG_LEVEL', 'info', ['info', 'debug']),
};

describe('readConfig', () => {
  it('uses the defaults for unset variables', () => {
    expect(readConfig(spec, {})).toEqual({ port: 3000, level: 'info' });
  });

  it('parses the variables that are set', () => {
    expect(readConfig(spec, { PORT: '8080', LOG_LEVEL: 'debug', UNRELATED: 'x' })).toEqual({
      port: 8080,
      level: 'debug',
    });
  });

  it('names the variable, the value and what is allowed, on one line', () => {
    expect(() => readConfig(spec, { PORT: 'eighty' })).toThrow(
      new ConfigError([{ variable: 'PORT', value: 'eighty', allowed: 'an integer from 0 to 65535' }]),
    );
    try {
      readConfig(spec, { PORT: 'eighty' });
    } catch (error) {
      expect((error as Error).message).toBe(
        'invalid configuration: PORT="eighty" is not allowed; expected an integer from 0 to 65535',
      );
    }
  });

  it('treats an empty value as a mistake, not as unset', () => {
    expect(() => readConfig(spec, { LOG_LEVEL: '' })).toThrow(
      'LOG_LEVEL="" is not allowed; expected one of info, debug',
    );
  });

  it('reports every bad variable at once, one line each', () => {
    let caught: unknown;
    try {
      readConfig(spec, { PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((problem) => problem.variable)).toEqual(['PORT', 'LOG_LEVEL']);
    expect((caught as ConfigError).message.split('\n')).toHaveLength(2);
  });

  it('quotes a value that would otherwise break the line', () => {
    expect(() => readConfig(spec, { PORT: '80\nLOG_LEVEL=debug' })).toThrow(
      'PORT="80\\nLOG_LEVEL=debug" is not allowed',
    );
  });
});
