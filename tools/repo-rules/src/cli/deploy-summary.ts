import { appendFileSync } from 'node:fs';
import { collectResults } from '../lib/deploy-summary/collect';
import { checkResult, DeployResultError, resultCommand } from '../lib/deploy-summary/deploy-result';
import { GitHubApiError, gitHubApi } from '../lib/deploy-summary/github-api';
import { renderSummary, summarize } from '../lib/deploy-summary/summary';
import { type CliIo, EXIT, UsageError } from './cli-io';
import { valueOf } from './release';

export const DEPLOY_SUMMARY_USAGE = [
  'Usage: deploy-summary record',
  '       deploy-summary summary [--repository <owner/repo>] [--run <run id>]',
  '  record   in a deploy job, after its deploy step: prints the job\'s result as a "slipway deploy result"',
  '           annotation (a ::notice workflow command), from SERVICE, VERSION, ENVIRONMENT, OUTCOME, EXIT_CODE',
  "           (the deploy step's outputs, empty when it wrote none) and DEPLOY_STEP (its outcome).",
  "  summary  reads the run's deploy jobs and their results from the GitHub API and prints one table of",
  '           every service, also to $GITHUB_STEP_SUMMARY when set. Env: GITHUB_TOKEN (actions: read,',
  '           checks: read), GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_SERVER_URL, and',
  "           SERVICES (the services job's JSON list), VERSION, ENVIRONMENT (the dispatch inputs).",
].join('\n');

/** Exit 0 done, 1 when the GitHub API cannot be read, 2 on a usage error or a result that cannot be recorded. */
export async function deploySummaryCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(DEPLOY_SUMMARY_USAGE);
    return EXIT.ok;
  }
  const [command, ...flags] = argv;
  try {
    if (command === 'record') return record(flags, io);
    if (command === 'summary') return await summary(flags, io);
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}: use record or summary`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DeployResultError) {
      io.stderr(`✖ ${error.message}${error instanceof UsageError ? `\n${DEPLOY_SUMMARY_USAGE}` : ''}`);
      return EXIT.usage;
    }
    if (error instanceof GitHubApiError) {
      io.stderr(`✖ ${error.message}${/ answered 40[134]/.test(error.message) ? `\n${TOKEN_HINT}` : ''}`);
      return EXIT.refused;
    }
    throw error;
  }
}

const TOKEN_HINT =
  '  The summary job needs GITHUB_TOKEN in env and "permissions: actions: read, checks: read" (see docs/workflows.md).';

function record(flags: readonly string[], io: CliIo): number {
  if (flags.length > 0) throw new UsageError(`record takes no arguments, got ${JSON.stringify(flags[0])}`);
  const env = io.env;
  const exitCode = env['EXIT_CODE'] ? Number(env['EXIT_CODE']) : undefined;
  const result = checkResult({
    service: env['SERVICE'],
    version: env['VERSION'],
    environment: env['ENVIRONMENT'],
    step: env['DEPLOY_STEP'],
    ...(env['OUTCOME'] ? { outcome: env['OUTCOME'] } : {}),
    ...(exitCode === undefined ? {} : { exitCode }),
  });
  io.stdout(resultCommand(result));
  return EXIT.ok;
}

async function summary(flags: readonly string[], io: CliIo): Promise<number> {
  const values: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) {
    if (flags[i] !== '--repository' && flags[i] !== '--run')
      throw new UsageError(`unknown argument ${JSON.stringify(flags[i])}`);
    values[flags[i]] = valueOf(flags, i + 1, flags[i]);
  }
  const env = io.env;
  const repository = values['--repository'] ?? required(env, 'GITHUB_REPOSITORY');
  const runId = values['--run'] ?? required(env, 'GITHUB_RUN_ID');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new UsageError(`repository is owner/name, got ${JSON.stringify(repository)}`);
  if (!/^\d+$/.test(runId)) throw new UsageError(`the run id is a number, got ${JSON.stringify(runId)}`);
  const services = servicesOf(env['SERVICES'] ?? '');
  const collected = await collectResults(
    gitHubApi(env['GITHUB_API_URL'] || 'https://api.github.com', required(env, 'GITHUB_TOKEN')),
    repository,
    runId,
  );
  for (const line of collected.rejected) io.stderr(`⚠ ${line}`);
  const input = {
    services,
    jobs: collected.jobs,
    results: collected.results,
    version: env['VERSION'] ?? '',
    environment: env['ENVIRONMENT'] ?? '',
    runUrl: `${env['GITHUB_SERVER_URL'] || 'https://github.com'}/${repository}/actions/runs/${runId}`,
  };
  const markdown = renderSummary(summarize(input), input);
  io.stdout(markdown);
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], `${markdown}\n`);
  return EXIT.ok;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`${name} is not set (GitHub Actions sets it; elsewhere export it)`);
  return value;
}

/** The services job's output: a JSON list of project names, or nothing when that job failed. */
function servicesOf(text: string): string[] {
  if (text.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new UsageError(`SERVICES is not a JSON list: ${text.slice(0, 80)}`);
  }
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string' && /^[a-z][a-z0-9-]*$/.test(name)))
    throw new UsageError(`SERVICES is not a JSON list of project names: ${text.slice(0, 80)}`);
  return list as string[];
}
