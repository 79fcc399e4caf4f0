import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReleaseOutcome } from './release-outcome';

export const DEFAULT_RESULT_FILE = 'tmp/release/result.json';

/** GitHub Actions step outputs, one `key=value` line each; absent values are empty strings. */
export function githubOutputLines(outcome: ReleaseOutcome): string {
  const values: Record<keyof ReleaseOutcome, string> = {
    published: String(outcome.published),
    version: outcome.version ?? '',
    gitTag: outcome.gitTag ?? '',
    commit: outcome.commit,
  };
  return Object.entries(values)
    .map(([key, value]) => {
      // Values are validated versions and SHAs; refuse anything that could smuggle in another output.
      if (/[\r\n]/.test(value)) throw new Error(`output ${key} contains a line break`);
      return `${key}=${value}\n`;
    })
    .join('');
}

export interface OutputTargets {
  readonly resultFile: string;
  /** `$GITHUB_OUTPUT` when running in GitHub Actions. */
  readonly githubOutput?: string | undefined;
}

/** Written whether or not a version was published, so the next step never guesses. */
export function writeReleaseOutputs(outcome: ReleaseOutcome, targets: OutputTargets): void {
  mkdirSync(dirname(targets.resultFile), { recursive: true });
  writeFileSync(targets.resultFile, `${JSON.stringify(outcome, null, 2)}\n`);
  if (targets.githubOutput) {
    appendFileSync(targets.githubOutput, githubOutputLines(outcome));
  }
}

/** A failed run must not leave the previous run's result behind for the next step to trust. */
export function clearReleaseResult(resultFile: string): void {
  rmSync(resultFile, { force: true });
}
