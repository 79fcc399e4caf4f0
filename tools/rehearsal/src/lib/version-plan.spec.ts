import { EXIT } from './exit-codes';
import { DEV_VERSION, planVersion, type ReleasePreview } from './version-plan';

const HEAD = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const commits = (n: number) => Array.from({ length: n }, () => ({ sha: OTHER, header: 'docs: x', releaseType: null }));
const preview = (next: string | null, lastRelease: string | null, n = 1): ReleasePreview => ({
  head: HEAD,
  lastRelease,
  next: next ? { version: next.slice(1), gitTag: next, type: 'minor' } : null,
  commits: commits(n),
});

describe('planVersion', () => {
  it('releases the next version when the commits call for one', () => {
    expect(planVersion(preview('v1.1.0', 'v1.0.0'), HEAD, new Map([['v1.0.0', OTHER]]))).toEqual({
      kind: 'release',
      imageVersion: 'v1.1.0',
      publishVersion: 'v1.1.0',
      deployVersion: 'v1.1.0',
      note: 'v1.1.0: the next release (minor) after v1.0.0, as semantic-release would tag it on main (rehearsed: no git tag is created; the release lives in the local registry)',
    });
    expect(planVersion(preview('v1.0.0', null), HEAD, new Map()).note).toContain('after none');
  });

  it('re-runs a release made at this very commit (a no-op publish)', () => {
    expect(planVersion(preview(null, 'v1.0.0', 0), HEAD, new Map([['v1.0.0', HEAD]]))).toMatchObject({
      kind: 'already-released',
      publishVersion: 'v1.0.0',
      deployVersion: 'v1.0.0',
      imageVersion: 'v1.0.0',
    });
  });

  it('publishes only the commit tag when no release is due, and deploys the latest release', () => {
    const plan = planVersion(preview(null, 'v1.0.0', 2), HEAD, new Map([['v1.0.0', OTHER]]));
    expect(plan).toMatchObject({ kind: 'no-release', imageVersion: DEV_VERSION, deployVersion: 'v1.0.0' });
    expect(plan.publishVersion).toBeUndefined();
    expect(plan.note).toContain('none of the 2 commit(s) since v1.0.0 is a feat, fix, perf or breaking change');
  });

  it('says there is nothing to deploy when no release exists or the last one was never published here', () => {
    expect(() => planVersion(preview(null, null, 3), HEAD, new Map())).toThrow(
      expect.objectContaining({
        exitCode: EXIT.notRehearsable,
        message: expect.stringContaining('nothing to deploy: there is no release yet'),
      }),
    );
    expect(() => planVersion(preview(null, 'v1.0.0', 1), HEAD, new Map())).toThrow(
      /v1\.0\.0 itself is not in the local registry/,
    );
  });

  it('refuses a version the local registry holds for another commit: release tags never move', () => {
    expect(() => planVersion(preview('v1.0.0', null), HEAD, new Map([['v1.0.0', OTHER]]))).toThrow(
      /v1\.0\.0 is already in the local registry, built from commit bbbbbbbbbbbb/,
    );
  });
});
