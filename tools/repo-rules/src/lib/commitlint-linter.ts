import type { CommitLinter, ReportHints } from './range-report';

export interface LoadedLinter {
  readonly lint: CommitLinter;
  readonly hints: ReportHints;
}

/**
 * commitlint with the repository's own config (commitlint.config.js found from `cwd`), set up the
 * way `commitlint --from/--to` sets it up. Loaded with import() because commitlint is ESM-only.
 */
export async function loadCommitlint(cwd: string): Promise<LoadedLinter> {
  const [{ default: load }, { default: lint }] = await Promise.all([
    import('@commitlint/load'),
    import('@commitlint/lint'),
  ]);
  const config = await load({}, { cwd });
  if (Object.keys(config.rules).length === 0) {
    throw new Error(`no commitlint rules found from ${cwd}: is commitlint.config.js there?`);
  }
  const parserOpts = config.parserPreset?.parserOpts;
  const options = {
    parserOpts: typeof parserOpts === 'object' && parserOpts !== null ? parserOpts : {},
    plugins: config.plugins,
    ignores: config.ignores ?? [],
    defaultIgnores: config.defaultIgnores !== false,
  };
  const typeEnum = config.rules['type-enum'];
  return {
    lint: (message) => lint(message, config.rules, options),
    hints: { types: Array.isArray(typeEnum?.[2]) ? (typeEnum[2] as string[]) : [] },
  };
}
