import type { Step } from '../model/workflow';

/**
 * Splits a `run:` script into logical command lines: backslash continuations are joined,
 * comments and blank lines dropped, and `&&`, `||` and `;` start a new command.
 * Good enough for the patterns the rules look for; not a shell parser.
 */
export function commandLines(script: string): string[] {
  return script
    .replace(/\\\r?\n\s*/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line.length > 0)
    .flatMap((line) => line.split(/\s*(?:&&|\|\||;)\s*/))
    .filter((command) => command.length > 0);
}

/** Whitespace-separated words with surrounding quotes removed. */
export function words(command: string): string[] {
  return command
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
}

/** The logical command lines of a step's `run:` script (none for an action step). */
export function commandsOf(step: Step): string[] {
  return step.run === undefined ? [] : commandLines(step.run);
}
