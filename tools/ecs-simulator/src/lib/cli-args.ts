import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PRESETS } from './presets';
import { validateScenario, type Scenario } from './scenario';

export const USAGE = `Usage: node -r @swc-node/register tools/ecs-simulator/src/cli.ts --scenario <preset|file.json> [--port 4599] [--host 127.0.0.1] [--ms-per-sim-second 10]
   or: npx nx run ecs-simulator:serve -- --scenario <preset|file.json>
Presets: ${Object.keys(PRESETS).join(', ')}`;

export interface CliOptions {
  scenario: Scenario;
  port: number;
  host: string;
  msPerSimSecond?: number;
}

export class UsageError extends Error {}

/** Reads the command line; a scenario is a preset name or a JSON file. */
export function parseCliArgs(
  argv: string[],
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string', default: 'healthy' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'ms-per-sim-second': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}\n${USAGE}`);
  const ms = values['ms-per-sim-second'] === undefined ? undefined : Number(values['ms-per-sim-second']);
  if (ms !== undefined && !(ms > 0)) throw new UsageError(`--ms-per-sim-second must be a positive number\n${USAGE}`);
  return { scenario: loadScenario(values.scenario, readFile), port, host: values.host, msPerSimSecond: ms };
}

function loadScenario(ref: string, readFile: (path: string) => string): Scenario {
  if (Object.hasOwn(PRESETS, ref)) return PRESETS[ref]();
  let text: string;
  try {
    text = readFile(ref);
  } catch (error) {
    throw new UsageError(
      `--scenario ${ref} is neither a preset nor a readable file (${(error as Error).message})\n${USAGE}`,
    );
  }
  try {
    return validateScenario(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`${ref}: ${(error as Error).message}`);
  }
}

/** Shell lines that point the AWS SDK (and `nx run api:deploy`) at the simulator. */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `export ${key}=${value}`)
    .join('\n');
}
