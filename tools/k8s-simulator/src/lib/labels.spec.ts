import { matches, parseSelector, SelectorError } from './labels';

describe('label selectors', () => {
  it('parses every requirement form and matches labels', () => {
    const selector = parseSelector('app=api, tier in (web,api),canary notin (true),team,!legacy,env!=dev,x==y');
    expect(matches(selector, { app: 'api', tier: 'web', team: 'a', env: 'prod', x: 'y' })).toBe(true);
    expect(matches(selector, { app: 'api', tier: 'db', team: 'a', x: 'y' })).toBe(false);
    expect(matches(selector, { app: 'api', tier: 'web', team: 'a', legacy: '1', x: 'y' })).toBe(false);
    expect(matches(parseSelector(''), undefined)).toBe(true);
    expect(() => parseSelector('a=(b')).toThrow(SelectorError);
  });
});
