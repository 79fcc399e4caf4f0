import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from './git';

export interface PreviewSandbox {
  /** Full SHA of the commit being previewed (the caller's HEAD). */
  readonly head: string;
  /** The caller's branch name, or null on a detached HEAD. */
  readonly branch: string | null;
  /** Whether the caller has uncommitted changes, which no preview can account for. */
  readonly dirty: boolean;
  /** Throwaway clone with the previewed commit checked out as `main`. */
  readonly workDir: string;
  /** file:// URL of a throwaway bare remote holding `main` and the caller's tags. */
  readonly remoteUrl: string;
  readonly dispose: () => void;
}

/**
 * semantic-release, even in dry-run mode, fetches from the remote and proves it may push to it
 * (`git push --dry-run`). To preview without a token, without push rights and without touching the
 * developer's repository, it runs against a disposable bare remote and clone made from the local
 * repository: HEAD becomes that remote's `main`, and the local tags are the release history.
 * `--shared` clones borrow the objects instead of copying them, and `--no-checkout` writes no files.
 */
export function createPreviewSandbox(cwd: string, releaseBranch = 'main'): PreviewSandbox {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  const head = git(['rev-parse', '--verify', 'HEAD^{commit}'], top);
  const branch = tryGit(['symbolic-ref', '--short', '-q', 'HEAD'], top);
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], top) !== '';
  const dir = mkdtempSync(join(tmpdir(), 'slipway-release-next-'));
  try {
    const remote = join(dir, 'remote.git');
    const workDir = join(dir, 'work');
    git(['clone', '--quiet', '--bare', '--shared', top, remote], dir);
    git(['-C', remote, 'update-ref', `refs/heads/${releaseBranch}`, head], dir);
    git(['-C', remote, 'symbolic-ref', 'HEAD', `refs/heads/${releaseBranch}`], dir);
    git(['clone', '--quiet', '--shared', '--no-checkout', '--branch', releaseBranch, remote, workDir], dir);
    return {
      head,
      branch,
      dirty,
      workDir,
      remoteUrl: pathToFileURL(remote).href,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function tryGit(args: readonly string[], cwd: string): string | null {
  try {
    return git(args, cwd) || null;
  } catch {
    return null;
  }
}
