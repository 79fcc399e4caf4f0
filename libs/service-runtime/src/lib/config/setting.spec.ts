import { hostSetting, integerSetting, oneOfSetting, patternSetting, utcTimestampSetting } from './setting';

describe('integerSetting', () => {
  const port = integerSetting('PORT', 3000, 0, 65_535);

  it.each([
    ['0', 0],
    ['3000', 3000],
    ['65535', 65_535],
  ])('accepts %s', (raw, value) => expect(port.parse(raw)).toBe(value));

  it.each(['', ' 80', '80 ', '65536', '-1', '1e3', '0x50', '08', '3.5', 'abc', '99999999999999999'])(
    'refuses %j',
    (raw) => expect(port.parse(raw)).toBeUndefined(),
  );

  it('describes its range', () => expect(port.allowed).toBe('an integer from 0 to 65535'));
});

describe('oneOfSetting', () => {
  const level = oneOfSetting('LOG_LEVEL', 'info', ['info', 'debug']);

  it('accepts a listed choice exactly', () => expect(level.parse('debug')).toBe('debug'));
  it.each(['DEBUG', 'verbose', ''])('refuses %j', (raw) => expect(level.parse(raw)).toBeUndefined());
  it('lists the choices', () => expect(level.allowed).toBe('one of info, debug'));
});

describe('hostSetting', () => {
  const host = hostSetting('HOST', '0.0.0.0');

  it.each(['0.0.0.0', '127.0.0.1', '::', '::1', 'fe80::1', 'localhost', 'api.internal'])('accepts %s', (raw) =>
    expect(host.parse(raw)).toBe(raw),
  );
  it.each(['', '256.0.0.1', 'http://localhost', 'local host', '-bad', 'a_b'])('refuses %j', (raw) =>
    expect(host.parse(raw)).toBeUndefined(),
  );
});

describe('patternSetting', () => {
  const commit = patternSetting('APP_COMMIT', 'unknown', /^[0-9a-f]{7,40}$/, 'a sha');

  it('accepts a match and refuses the rest', () => {
    expect(commit.parse('abc1234')).toBe('abc1234');
    expect(commit.parse('ABC1234')).toBeUndefined();
  });
});

describe('utcTimestampSetting', () => {
  const builtAt = utcTimestampSetting('APP_BUILT_AT', 'unknown');

  it.each(['2026-01-31T12:00:00Z', '2026-01-31T12:00:00.123Z', 'unknown'])('accepts %s', (raw) =>
    expect(builtAt.parse(raw)).toBe(raw),
  );
  it('names the placeholder among the allowed values', () =>
    expect(builtAt.allowed).toBe('a UTC timestamp like 2026-01-31T12:00:00Z, or "unknown"'));
  it.each(['2026-01-31', '2026-01-31T12:00:00+01:00', '2026-13-45T12:00:00Z', 'yesterday'])('refuses %j', (raw) =>
    expect(builtAt.parse(raw)).toBeUndefined(),
  );
});
