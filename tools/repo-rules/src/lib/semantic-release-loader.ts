import type { CommitAnalyzer, SemanticRelease } from './semantic-release-types';

/** semantic-release and its commit analyzer are ESM-only, hence import(). */
export async function loadSemanticRelease(): Promise<SemanticRelease> {
  const { default: semanticRelease } = await import('semantic-release');
  return semanticRelease as unknown as SemanticRelease;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined, success: () => undefined };

export async function loadCommitAnalyzer(pluginConfig: Record<string, unknown>, cwd: string): Promise<CommitAnalyzer> {
  const { analyzeCommits } = await import('@semantic-release/commit-analyzer');
  return (commit) => analyzeCommits(pluginConfig, { commits: [commit], logger: silentLogger, cwd });
}
