import { compareReleaseVersions, isReleaseVersion, parseReleaseVersion } from './release-version';

describe('parseReleaseVersion', () => {
  it('accepts vMAJOR.MINOR.PATCH', () => {
    expect(parseReleaseVersion('v1.2.0')).toEqual({ tag: 'v1.2.0', major: 1, minor: 2, patch: 0 });
    expect(parseReleaseVersion('v0.0.1').patch).toBe(1);
    expect(parseReleaseVersion('v10.20.30').minor).toBe(20);
  });

  it.each([
    ['', /no version given/],
    [undefined, /no version given/],
    [42, /no version given/],
    ['latest', /"latest" is a moving tag/],
    ['1.2', /is not valid: expected a release version like v1.2.0/],
    ['v1.2', /is not valid/],
    ['v1.2.3.4', /is not valid/],
    [' v1.2.3', /surrounding whitespace/],
    ['v1.2.3\n', /surrounding whitespace/],
    ['v1.2.3;rm -rf /', /is not valid/],
    ['v1.2.3$(id)', /is not valid/],
    ['v1.2.3-rc.1', /is not valid/],
    ['v01.2.3', /is not valid/],
    ['V1.2.3', /is not valid/],
  ])('rejects %p', (input, message) => {
    expect(() => parseReleaseVersion(input)).toThrow(message);
  });

  it('suggests the v-prefixed form for a bare semver', () => {
    expect(() => parseReleaseVersion('1.2.0')).toThrow('did you mean v1.2.0?');
  });
});

describe('isReleaseVersion', () => {
  it('is a type guard over the same rule', () => {
    expect(isReleaseVersion('v1.2.3')).toBe(true);
    expect(isReleaseVersion('sha-abc')).toBe(false);
    expect(isReleaseVersion(null)).toBe(false);
  });
});

describe('compareReleaseVersions', () => {
  it('sorts newest first', () => {
    const sorted = ['v1.2.0', 'v1.10.0', 'v2.0.0', 'v1.2.10'].map(parseReleaseVersion).sort(compareReleaseVersions);
    expect(sorted.map((v) => v.tag)).toEqual(['v2.0.0', 'v1.10.0', 'v1.2.10', 'v1.2.0']);
  });
});
