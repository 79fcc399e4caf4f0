import { parseRangeArgs, readRangeCommits } from '../lib/commit-range';
import { LoadedLinter, loadCommitlint } from '../lib/commitlint-linter';
import { formatRangeReport, lintRange } from '../lib/range-report';
import { CliIo, EXIT } from './cli-io';

export const LINT_COMMITS_USAGE = [
  'Usage: lint-commits --from <base> [--to <head>]   lint every commit in base..head (head defaults to HEAD)',
  '       lint-commits <base>..<head>',
].join('\n');

/** Exit 0 when every commit passes (warnings allowed), 1 when one fails, 2 on a bad range or usage. */
export async function lintCommitsCli(
  argv: readonly string[],
  io: CliIo,
  loadLinter: (cwd: string) => Promise<LoadedLinter> = loadCommitlint,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(LINT_COMMITS_USAGE);
    return EXIT.ok;
  }
  let commits;
  let label;
  try {
    const range = parseRangeArgs(argv);
    commits = readRangeCommits(range, io.cwd);
    label = `${range.from}..${range.to}`;
  } catch (error) {
    io.stderr(`✖ ${(error as Error).message}\n${LINT_COMMITS_USAGE}`);
    return EXIT.usage;
  }
  const linter = await loadLinter(io.cwd);
  const report = await lintRange(label, commits, linter.lint);
  const summary = formatRangeReport(report, linter.hints);
  if (report.failed > 0) {
    io.stderr(summary);
    return EXIT.refused;
  }
  io.stdout(summary);
  return EXIT.ok;
}
