import { git, GitError } from './git';

export interface CommitRange {
  readonly from: string;
  readonly to: string;
}

export interface RangeCommit {
  readonly sha: string;
  readonly message: string;
}

export class CommitRangeError extends Error {
  override readonly name = 'CommitRangeError';
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** `base..head`, or `--from base [--to head]` with head defaulting to HEAD. */
export function parseRangeArgs(argv: readonly string[]): CommitRange {
  if (argv.length === 1 && argv[0] !== undefined && /^[^-].*\.\..+$/.test(argv[0]) && !argv[0].includes('...')) {
    const [from, to] = argv[0].split('..') as [string, string];
    return { from, to };
  }
  let from: string | undefined;
  let to = 'HEAD';
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag !== '--from' && flag !== '--to') || value === undefined || value === '' || value.startsWith('-')) {
      throw new CommitRangeError(`unexpected arguments: ${argv.join(' ') || '(none)'}`);
    }
    if (flag === '--from') from = value;
    else to = value;
  }
  if (from === undefined) {
    throw new CommitRangeError('missing the base of the range: pass --from <base> (and --to <head>) or <base>..<head>');
  }
  return { from, to };
}

/** Commits reachable from `to` but not from `from`, oldest first, with full messages. */
export function readRangeCommits(range: CommitRange, cwd: string): RangeCommit[] {
  const from = resolveCommit(range.from, 'base', cwd);
  const to = resolveCommit(range.to, 'head', cwd);
  return logCommits(['--reverse', `${from}..${to}`], cwd);
}

/** `git log <revisions>` as commits with full messages, in git's order. */
export function logCommits(revisions: readonly string[], cwd: string): RangeCommit[] {
  const log = git(['log', `--format=%H${FIELD}%B${RECORD}`, ...revisions], cwd);
  return log
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha, message = ''] = record.split(FIELD) as [string, string?];
      return { sha, message: message.replace(/\n+$/, '') };
    });
}

function resolveCommit(ref: string, role: string, cwd: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  } catch (error) {
    const reason = error instanceof GitError ? 'is not a commit in this repository' : String(error);
    throw new CommitRangeError(
      `the ${role} of the range ${JSON.stringify(ref)} ${reason}; in CI fetch the history first (actions/checkout with fetch-depth: 0)`,
    );
  }
}
