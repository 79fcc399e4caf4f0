import { appendFileSync } from 'node:fs';
import { type AffectedRange, nxProjectsWithTarget, type ProjectsWithTarget } from '../lib/nx-projects';
import { buildPlan, deployPlan, PlanError, type ServicePlan } from '../lib/service-plan';
import { type CliIo, EXIT, UsageError } from './cli-io';
import { valueOf } from './release';

export const SERVICES_USAGE = [
  'Usage: services build --released <true|false> [--base <commit> --head <commit>]',
  '       services deploy --service <name|all>',
  '  Prints the services a workflow acts on, as a JSON list, and writes services=<list> to',
  '  $GITHUB_OUTPUT in GitHub Actions. build: every service with an image when a version was',
  '  released, else those affected between base and head. deploy: the named deployable service,',
  '  or every one.',
].join('\n');

/** Exit 0 with a plan, 1 when the project graph cannot be read, 2 on a usage error or an unknown service. */
export async function servicesCli(
  argv: readonly string[],
  io: CliIo,
  projectsWithTarget: ProjectsWithTarget = nxProjectsWithTarget(io.cwd, io.env),
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(SERVICES_USAGE);
    return EXIT.ok;
  }
  let plan: ServicePlan;
  try {
    const [command, ...flags] = argv;
    const values = parseFlags(flags);
    if (command === 'build') plan = await buildPlan(buildInput(values), projectsWithTarget);
    else if (command === 'deploy') plan = await deployPlan(required(values, '--service'), projectsWithTarget);
    else throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}: use build or deploy`);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof PlanError)) {
      io.stderr(`✖ ${(error as Error).message}`);
      return EXIT.refused;
    }
    io.stderr(`✖ ${error.message}${error instanceof UsageError ? `\n${SERVICES_USAGE}` : ''}`);
    return EXIT.usage;
  }
  const list = JSON.stringify(plan.services);
  io.stderr(`services: ${plan.services.join(', ') || 'none'} (${plan.why})`);
  io.stdout(list);
  if (io.env['GITHUB_OUTPUT']) appendFileSync(io.env['GITHUB_OUTPUT'], `services=${list}\n`);
  return EXIT.ok;
}

const FLAGS = ['--released', '--base', '--head', '--service'];

function parseFlags(flags: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 1) {
    if (!FLAGS.includes(flags[i])) throw new UsageError(`unknown argument ${JSON.stringify(flags[i])}`);
    values[flags[i]] = valueOf(flags, i + 1, flags[i]);
    i += 1;
  }
  return values;
}

function required(values: Record<string, string>, flag: string): string {
  const value = values[flag];
  if (value === undefined) throw new UsageError(`${flag} is required`);
  return value;
}

function buildInput(values: Record<string, string>): { released: boolean; range?: AffectedRange } {
  const released = required(values, '--released');
  if (released !== 'true' && released !== 'false')
    throw new UsageError(
      `--released is "true" or "false" (the release job's "published"), got ${JSON.stringify(released)}`,
    );
  const base = values['--base'];
  const head = values['--head'];
  if ((base === undefined) !== (head === undefined)) throw new UsageError('--base and --head go together');
  return { released: released === 'true', ...(base && head ? { range: { base, head } } : {}) };
}
