const ZERO_SHA = /^0+$/;
const BRANCH_REF = 'refs/heads/';

/**
 * Branch names a push creates or updates, read from what git gives the pre-push hook on stdin:
 * `<local ref> <local sha> <remote ref> <remote sha>` per line. The remote ref is checked because
 * that is the name the branch gets on the server. Deletions and tags are not branch names to police.
 */
export function pushedBranchNames(prePushStdin: string): string[] {
  const names = new Set<string>();
  for (const line of prePushStdin.split('\n')) {
    const [, localSha, remoteRef] = line.trim().split(/\s+/);
    if (localSha === undefined || remoteRef === undefined) {
      continue;
    }
    if (ZERO_SHA.test(localSha) || !remoteRef.startsWith(BRANCH_REF)) {
      continue;
    }
    names.add(remoteRef.slice(BRANCH_REF.length));
  }
  return [...names];
}
