import { checkBranchName, formatBranchRefusal } from '../lib/branch-rule';
import { git } from '../lib/git';
import { pushedBranchNames } from '../lib/pushed-branches';
import { CliIo, EXIT, UsageError } from './cli-io';

export const CHECK_BRANCH_USAGE = [
  'Usage: check-branch [<branch>]     check a name (default: $GITHUB_HEAD_REF, else the current branch)',
  '       check-branch --pre-push     check the branches git is about to push (pre-push hook, reads stdin)',
].join('\n');

/** Exit 0 when every name passes, 1 when one is refused, 2 on a usage error. */
export async function checkBranchCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(CHECK_BRANCH_USAGE);
    return EXIT.ok;
  }
  try {
    const names = await namesToCheck(argv, io);
    let refused = 0;
    for (const name of names) {
      const check = checkBranchName(name);
      if (check.valid) {
        io.stdout(`✔ branch "${name}" follows the branch rule (${check.kind} branch)`);
      } else {
        refused += 1;
        io.stderr(`✖ ${formatBranchRefusal(name, check)}`);
      }
    }
    return refused === 0 ? EXIT.ok : EXIT.refused;
  } catch (error) {
    io.stderr(`✖ ${(error as Error).message}\n${CHECK_BRANCH_USAGE}`);
    return EXIT.usage;
  }
}

async function namesToCheck(argv: readonly string[], io: CliIo): Promise<string[]> {
  if (argv[0] === '--pre-push') {
    // git passes the remote name and URL as arguments; the refs arrive on stdin.
    return pushedBranchNames(await io.readStdin());
  }
  const options = argv.filter((arg) => arg.startsWith('-'));
  if (options.length > 0 || argv.length > 1) {
    throw new UsageError(`unexpected arguments: ${argv.join(' ')}`);
  }
  const name = argv[0] ?? (io.env['GITHUB_HEAD_REF'] || currentBranch(io.cwd));
  return [name];
}

function currentBranch(cwd: string): string {
  try {
    return git(['symbolic-ref', '--short', 'HEAD'], cwd);
  } catch {
    throw new UsageError('HEAD is not on a branch (detached or not a git repository): pass the branch name to check');
  }
}
