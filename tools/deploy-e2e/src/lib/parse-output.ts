/** Reading what a deploy executor printed: its summary line, its --json document, its GitHub outputs. */

export interface Summary {
  outcome: string;
  exitCode: number;
}

/** The engine's last line, `outcome: ROLLED_BACK (exit 3)`. */
export function parseSummary(output: string): Summary | undefined {
  const matches = [...output.matchAll(/^outcome: ([A-Z_]+) \(exit (\d+)\)$/gm)];
  const last = matches.at(-1);
  return last ? { outcome: last[1], exitCode: Number(last[2]) } : undefined;
}

/**
 * The pretty-printed JSON document `--json` writes on stdout. Nx prints its own lines around it,
 * so it is cut out between the first line that is exactly `{` and the last that is exactly `}`.
 */
export function extractJsonDocument(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout.split(/\r?\n/);
  const start = lines.indexOf('{');
  const end = lines.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
}

/** `key=value` lines appended to $GITHUB_OUTPUT. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}
