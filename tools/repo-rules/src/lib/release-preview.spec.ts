import { buildReleasePreview, formatReleasePreview } from './release-preview';
import type { CommitAnalyzer, SemanticReleaseSuccess } from './semantic-release-types';

const HEAD = 'f'.repeat(40);
const feat = { hash: '1'.repeat(40), message: 'feat(api): add health check\n\nbody' };
const docs = { hash: '2'.repeat(40), message: 'docs: explain' };
const fix = { hash: '3'.repeat(40), message: 'fix: retry' };
const byHeader: CommitAnalyzer = async (commit) =>
  commit.message.startsWith('feat') ? 'minor' : commit.message.startsWith('fix') ? 'patch' : null;

const released: SemanticReleaseSuccess = {
  lastRelease: { version: '1.2.0', gitTag: 'v1.2.0', gitHead: '9'.repeat(40) },
  nextRelease: { version: '1.3.0', gitTag: 'v1.3.0', gitHead: HEAD, type: 'minor' },
  commits: [feat, docs, fix],
};
const context = {
  head: HEAD,
  branch: 'feature/health',
  dirty: false,
  lastReleaseTag: 'v1.2.0',
  commitsSinceLastRelease: [docs],
};

describe('release preview', () => {
  it('shows the next version and what each commit contributes', async () => {
    const preview = await buildReleasePreview(released, context, byHeader);
    expect(preview.next).toEqual({ version: '1.3.0', gitTag: 'v1.3.0', type: 'minor' });
    expect(formatReleasePreview(preview).split('\n')).toEqual([
      'Next release: v1.3.0 (minor), previous release: v1.2.0.',
      'Previewed ffffffffffff (feature/health) as if it were main; release history from local tags.',
      '',
      'Commits since v1.2.0, newest first:',
      '  minor  111111111111  feat(api): add health check',
      '  -      222222222222  docs: explain',
      '  patch  333333333333  fix: retry',
      '',
      'Nothing was tagged or pushed. Refresh tags with "git fetch --tags" for an up-to-date preview.',
    ]);
  });

  it('explains why nothing would be released, using the local history', async () => {
    const preview = await buildReleasePreview(false, { ...context, branch: null, dirty: true }, byHeader);
    const text = formatReleasePreview(preview);
    expect(text).toContain('No release: none of the 1 commits since v1.2.0 is a feat, fix, perf or breaking change.');
    expect(text).toContain('(detached HEAD)');
    expect(text).toContain('Uncommitted changes are not part of the preview.');
    expect(text).toContain('  -      222222222222  docs: explain');
  });

  it('names a first release', async () => {
    const first = {
      ...released,
      lastRelease: {},
      nextRelease: { ...released.nextRelease, version: '1.0.0', gitTag: 'v1.0.0' },
    };
    const preview = await buildReleasePreview(first, { ...context, lastReleaseTag: null }, byHeader);
    expect(formatReleasePreview(preview)).toMatch(
      /^Next release: v1\.0\.0 \(minor\), previous release: none, this is the first\./,
    );
    expect(formatReleasePreview(preview)).toContain('Commits since the first commit, newest first:');
  });

  it('lists no commits when there are none', async () => {
    const preview = await buildReleasePreview(false, { ...context, commitsSinceLastRelease: [] }, byHeader);
    expect(formatReleasePreview(preview)).not.toContain('newest first');
  });
});
