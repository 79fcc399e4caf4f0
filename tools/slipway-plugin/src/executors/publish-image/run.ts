import { appendFileSync } from 'node:fs';
import { PublishError, publishImage, type PublishDependencies } from '@slipway/image-registry';
import { EXIT_CODES, exitCodeFor, titleFor } from './exit-codes';
import type { PublishImageOptions } from './options';
import { githubOutput, humanReport, jsonFailure, jsonReport } from './report';

export interface RunIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Shared by the executor and the CLI: publish, report, and answer with the exit code. */
export async function runPublishImage(
  options: PublishImageOptions,
  io: RunIo,
  deps: PublishDependencies = {},
): Promise<number> {
  try {
    const result = await publishImage(options, { ...deps, log: (line) => io.stderr(`publish-image: ${line}`) });
    if (options.json) io.stdout(JSON.stringify(jsonReport(result)));
    else humanReport(result).forEach((line) => io.stdout(line));
    if (io.env.GITHUB_OUTPUT) appendFileSync(io.env.GITHUB_OUTPUT, githubOutput(result));
    return EXIT_CODES.ok;
  } catch (error) {
    const exitCode = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    if (options.json)
      io.stdout(
        JSON.stringify(jsonFailure(exitCode, error instanceof PublishError ? error.kind : 'unexpected', message)),
      );
    io.stderr(`publish-image: ${titleFor(error)} (exit ${exitCode}): ${message}`);
    if (!(error instanceof PublishError) && error instanceof Error && error.stack) io.stderr(error.stack);
    return exitCode;
  }
}
