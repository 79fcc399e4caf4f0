import type { CommitAnalyzer, ReleaseCommit, SemanticReleaseResult } from './semantic-release-types';

export interface PreviewCommit {
  readonly sha: string;
  readonly header: string;
  /** 'major' | 'minor' | 'patch', or null when the commit alone would not release. */
  readonly releaseType: string | null;
}

export interface ReleasePreview {
  readonly head: string;
  readonly branch: string | null;
  readonly dirty: boolean;
  readonly lastRelease: string | null;
  readonly next: { readonly version: string; readonly gitTag: string; readonly type: string } | null;
  readonly commits: readonly PreviewCommit[];
}

export interface PreviewContext {
  readonly head: string;
  readonly branch: string | null;
  readonly dirty: boolean;
  /** Commits since the last release, newest first; used when semantic-release found nothing to release. */
  readonly commitsSinceLastRelease: readonly ReleaseCommit[];
  readonly lastReleaseTag: string | null;
}

/** Turns a dry run's answer into a preview, judging each commit alone so the reader sees which ones count. */
export async function buildReleasePreview(
  result: SemanticReleaseResult,
  context: PreviewContext,
  analyze: CommitAnalyzer,
): Promise<ReleasePreview> {
  const commits = result === false ? context.commitsSinceLastRelease : result.commits;
  const judged: PreviewCommit[] = [];
  for (const commit of commits) {
    judged.push({
      sha: commit.hash,
      header: commit.message.split('\n', 1)[0] ?? '',
      releaseType: await analyze(commit),
    });
  }
  return {
    head: context.head,
    branch: context.branch,
    dirty: context.dirty,
    lastRelease: result === false ? context.lastReleaseTag : (result.lastRelease.gitTag ?? null),
    next:
      result === false
        ? null
        : { version: result.nextRelease.version, gitTag: result.nextRelease.gitTag, type: result.nextRelease.type },
    commits: judged,
  };
}

export function formatReleasePreview(preview: ReleasePreview): string {
  const since = preview.lastRelease ?? 'the first commit';
  const lines = [
    preview.next === null
      ? `No release: none of the ${preview.commits.length} commits since ${since} is a feat, fix, perf or breaking change.`
      : `Next release: ${preview.next.gitTag} (${preview.next.type}), previous release: ${preview.lastRelease ?? 'none, this is the first'}.`,
    `Previewed ${preview.head.slice(0, 12)} (${preview.branch ?? 'detached HEAD'}) as if it were main; release history from local tags.`,
  ];
  if (preview.dirty) {
    lines.push('Uncommitted changes are not part of the preview.');
  }
  if (preview.commits.length > 0) {
    lines.push('', `Commits since ${since}, newest first:`);
    for (const commit of preview.commits) {
      lines.push(`  ${(commit.releaseType ?? '-').padEnd(5)}  ${commit.sha.slice(0, 12)}  ${commit.header}`);
    }
  }
  lines.push('', 'Nothing was tagged or pushed. Refresh tags with "git fetch --tags" for an up-to-date preview.');
  return lines.join('\n');
}
