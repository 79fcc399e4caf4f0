import { resolve } from 'node:path';
import { git } from '../lib/git';
import { loadReleaseConfig } from '../lib/release-config';
import { toReleaseOutcome } from '../lib/release-outcome';
import { clearReleaseResult, DEFAULT_RESULT_FILE, writeReleaseOutputs } from '../lib/release-outputs';
import { loadSemanticRelease } from '../lib/semantic-release-loader';
import type { SemanticRelease } from '../lib/semantic-release-types';
import { CliIo, EXIT, UsageError } from './cli-io';

export const RELEASE_USAGE = [
  'Usage: release [--dry-run] [--no-ci] [--repository-url <url>] [--result-file <path>]',
  `  Runs semantic-release with release.config.js and writes { published, version, gitTag, commit }`,
  `  to --result-file (default ${DEFAULT_RESULT_FILE}) and, in GitHub Actions, to $GITHUB_OUTPUT.`,
].join('\n');

interface ReleaseArgs {
  readonly dryRun: boolean;
  readonly ci: boolean;
  readonly repositoryUrl?: string;
  readonly resultFile: string;
}

/** Exit 0 whether or not a version was published, 1 when semantic-release fails, 2 on a usage error. */
export async function releaseCli(
  argv: readonly string[],
  io: CliIo,
  load: () => Promise<SemanticRelease> = loadSemanticRelease,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RELEASE_USAGE);
    return EXIT.ok;
  }
  let args: ReleaseArgs;
  try {
    args = parseReleaseArgs(argv);
  } catch (error) {
    io.stderr(`✖ ${(error as Error).message}\n${RELEASE_USAGE}`);
    return EXIT.usage;
  }
  const resultFile = resolve(io.cwd, args.resultFile);
  clearReleaseResult(resultFile);
  try {
    const semanticRelease = await load();
    const options = {
      ...loadReleaseConfig(),
      dryRun: args.dryRun,
      ci: args.ci,
      ...(args.repositoryUrl === undefined ? {} : { repositoryUrl: args.repositoryUrl }),
    };
    const result = await semanticRelease(options, { cwd: io.cwd, env: stringEnv(io.env) });
    const outcome = toReleaseOutcome(result, { head: git(['rev-parse', 'HEAD'], io.cwd), dryRun: args.dryRun });
    writeReleaseOutputs(outcome, { resultFile, githubOutput: io.env['GITHUB_OUTPUT'] });
    io.stdout(
      outcome.published
        ? `release: published ${outcome.gitTag} at ${outcome.commit}; result in ${resultFile}`
        : `release: no version published${args.dryRun ? ' (dry run)' : ''}; result in ${resultFile}`,
    );
    return EXIT.ok;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    io.stderr(`✖ release failed: ${code ? `${code} ` : ''}${message ?? String(error)}`);
    return EXIT.refused;
  }
}

function parseReleaseArgs(argv: readonly string[]): ReleaseArgs {
  let dryRun = false;
  let ci = true;
  let repositoryUrl: string | undefined;
  let resultFile = DEFAULT_RESULT_FILE;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--no-ci') ci = false;
    else if (arg === '--repository-url') repositoryUrl = valueOf(argv, ++i, arg);
    else if (arg === '--result-file') resultFile = valueOf(argv, ++i, arg);
    else throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { dryRun, ci, repositoryUrl, resultFile };
}

export function valueOf(argv: readonly string[], index: number, flag: string): string {
  const value = argv[index];
  if (value === undefined || value === '' || value.startsWith('--')) {
    throw new UsageError(`${flag} needs a value`);
  }
  return value;
}

export function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
