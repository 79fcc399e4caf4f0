// @semantic-release/commit-analyzer ships no types; this is the one export used here.
declare module '@semantic-release/commit-analyzer' {
  export function analyzeCommits(pluginConfig: unknown, context: unknown): Promise<string | null>;
}
