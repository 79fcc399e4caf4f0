import { RegistryClient } from '@slipway/image-registry';
import { nxChildEnv } from '@slipway/testing';
import { EXIT, RehearsalError } from './lib/exit-codes';
import { parseOptions, USAGE } from './lib/options';
import { processRunner } from './lib/process-runner';
import { rehearse, type RehearsalDeps } from './lib/rehearsal';
import { ReleaseHistory } from './lib/release-history';
import { fileStateStore } from './lib/state';

export interface CliIo {
  readonly write: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly root: string;
}

/** `npm run rehearse [-- options]`; returns the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo,
  overrides: Partial<RehearsalDeps> = {},
): Promise<number> {
  const say = (line: string) => io.write(`${line}\n`);
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof RehearsalError)) throw error;
    say(`rehearse: ${error.message}`);
    return error.exitCode;
  }
  if (options.help) {
    say(USAGE);
    return EXIT.ok;
  }
  return rehearse(options, {
    root: io.root,
    env: nxChildEnv(io.env),
    node: process.execPath,
    run: processRunner(io.write),
    fetch: globalThis.fetch,
    now: () => Date.now(),
    say,
    history: (registry, repository) =>
      new ReleaseHistory(new RegistryClient({ registry, repository, timeoutMs: 15_000 })),
    state: fileStateStore(io.root),
    ...overrides,
  });
}
