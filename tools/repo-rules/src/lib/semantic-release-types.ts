/** The parts of semantic-release's Node API these tools rely on (its own types live in an ESM-only package). */
export interface ReleaseCommit {
  readonly hash: string;
  readonly message: string;
}

export interface ReleaseRef {
  readonly version: string;
  readonly gitTag: string;
  readonly gitHead: string;
}

export interface NextRelease extends ReleaseRef {
  readonly type: string;
}

export interface SemanticReleaseSuccess {
  readonly lastRelease: Partial<ReleaseRef>;
  readonly nextRelease: NextRelease;
  readonly commits: readonly ReleaseCommit[];
}

/** `false` when nothing was released: no relevant commits, a pull request, or a branch not configured for releases. */
export type SemanticReleaseResult = SemanticReleaseSuccess | false;

export type PluginSpec = string | readonly [string, Record<string, unknown>];

export interface ReleaseConfig {
  readonly branches: readonly unknown[];
  readonly tagFormat: string;
  readonly plugins: readonly PluginSpec[];
  readonly [option: string]: unknown;
}

export interface SemanticReleaseRun {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
}

export type SemanticRelease = (
  options: Record<string, unknown>,
  run: SemanticReleaseRun,
) => Promise<SemanticReleaseResult>;

/** One commit judged alone by the commit analyzer: 'major' | 'minor' | 'patch' | null. */
export type CommitAnalyzer = (commit: ReleaseCommit) => Promise<string | null>;
