import { InvalidCommitShaError } from './commit-sha';
import { commitShaTag, imageTagsFor } from './image-tags';
import { InvalidVersionError } from './release-version';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('imageTagsFor', () => {
  it('tags a released build with its version and its commit', () => {
    expect(imageTagsFor({ commit: SHA, version: 'v1.2.0' })).toEqual(['v1.2.0', `sha-${SHA}`]);
  });

  it('tags an unreleased build with its commit only', () => {
    expect(imageTagsFor({ commit: SHA })).toEqual([`sha-${SHA}`]);
    expect(imageTagsFor({ commit: SHA, version: null })).toEqual([`sha-${SHA}`]);
  });

  it.each([['latest'], [''], ['1.2.0'], ['v1.2.0-rc.1']])('never produces a tag from version %p', (version) => {
    expect(() => imageTagsFor({ commit: SHA, version })).toThrow(InvalidVersionError);
  });

  it('refuses a short or upper-case commit', () => {
    expect(() => imageTagsFor({ commit: SHA.slice(0, 7), version: 'v1.0.0' })).toThrow(InvalidCommitShaError);
    expect(() => imageTagsFor({ commit: SHA.toUpperCase() })).toThrow(/upper-case/);
  });

  it('never yields latest or an untagged name for any accepted input', () => {
    for (const version of [undefined, 'v0.0.1', 'v10.0.0']) {
      for (const tag of imageTagsFor({ commit: SHA, version })) {
        expect(tag).toMatch(/^(v\d+\.\d+\.\d+|sha-[0-9a-f]{40})$/);
      }
    }
  });
});

describe('commitShaTag', () => {
  it('prefixes the full SHA', () => {
    expect(commitShaTag(SHA)).toBe(`sha-${SHA}`);
  });
});
