import { toReleaseOutcome } from './release-outcome';
import type { SemanticReleaseSuccess } from './semantic-release-types';

const HEAD = 'b'.repeat(40);
const TAGGED = 'a'.repeat(40);
const released = (version: string, gitTag: string, gitHead = TAGGED): SemanticReleaseSuccess => ({
  lastRelease: {},
  commits: [],
  nextRelease: { version, gitTag, gitHead, type: 'minor' },
});

describe('toReleaseOutcome', () => {
  it('reports a published release with its tag and tagged commit', () => {
    expect(toReleaseOutcome(released('1.2.0', 'v1.2.0'), { head: HEAD, dryRun: false })).toEqual({
      published: true,
      version: '1.2.0',
      gitTag: 'v1.2.0',
      commit: TAGGED,
    });
  });

  it('reports no release with the commit that was looked at', () => {
    expect(toReleaseOutcome(false, { head: HEAD, dryRun: false })).toEqual({
      published: false,
      version: null,
      gitTag: null,
      commit: HEAD,
    });
  });

  it('publishes nothing in a dry run, whatever semantic-release computed', () => {
    expect(toReleaseOutcome(released('1.2.0', 'v1.2.0'), { head: HEAD, dryRun: true })).toEqual({
      published: false,
      version: null,
      gitTag: null,
      commit: HEAD,
    });
  });

  it('refuses a tag a deploy would refuse', () => {
    expect(() => toReleaseOutcome(released('1.2.0', '1.2.0'), { head: HEAD, dryRun: false })).toThrow(
      /did you mean v1.2.0/,
    );
    expect(() => toReleaseOutcome(released('2.0.0-rc.1', 'v2.0.0-rc.1'), { head: HEAD, dryRun: false })).toThrow(
      /is not valid/,
    );
  });

  it('refuses a tag that does not carry the version', () => {
    expect(() => toReleaseOutcome(released('1.2.0', 'v1.3.0'), { head: HEAD, dryRun: false })).toThrow(
      'released tag v1.3.0 does not match version 1.2.0',
    );
  });

  it('refuses a short commit SHA', () => {
    expect(() => toReleaseOutcome(false, { head: 'abc1234', dryRun: false })).toThrow(/40-character/);
  });
});
