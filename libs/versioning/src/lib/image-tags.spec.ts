import { InvalidCommitShaError } from './commit-sha';
import { commitFromTags, commitShaTag, imageTagsFor } from './image-tags';
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

describe('commitFromTags', () => {
  const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

  it('reads the commit back from the tags imageTagsFor makes', () => {
    expect(commitFromTags(imageTagsFor({ commit: SHA, version: 'v1.2.0' }))).toBe(SHA);
    expect(commitFromTags([commitShaTag(SHA)])).toBe(SHA);
  });

  it('ignores tags that do not name a full lower-case SHA', () => {
    expect(
      commitFromTags(['v1.2.0', 'sha-0123456', 'sha-', `sha-${SHA.toUpperCase()}`, `sha-${SHA}0`, `xsha-${SHA}`, SHA]),
    ).toBeUndefined();
    expect(commitFromTags(['sha-0123456', `sha-${SHA}`, 'latest'])).toBe(SHA);
    expect(commitFromTags([])).toBeUndefined();
  });

  it('trusts neither of two different commits on one image', () => {
    expect(commitFromTags([`sha-${SHA}`, `sha-${OTHER}`])).toBeUndefined();
    expect(commitFromTags([`sha-${SHA}`, 'v1.0.0', `sha-${SHA}`])).toBe(SHA);
  });
});
