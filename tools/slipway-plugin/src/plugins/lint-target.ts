import type { TargetConfiguration } from '@nx/devkit';

/** A project lints when it has a flat ESLint config of its own (apps/api/eslint.config.mjs). */
export const ESLINT_CONFIG = 'eslint.config.mjs';

/**
 * The lint target of a project, as @nx/eslint/plugin inferred it for a flat config: ESLint over the
 * project's folder. Pure: unlike @nx/eslint, it loads no ESLint to ask which files the config ignores
 * (about 0.1 CPU-s in every nx process, `npm run bench:nx-graph`); every project here has files to lint.
 *
 * No inputs: nx.json's targetDefaults.lint holds them, and Nx lays target defaults over inferred targets.
 */
export function lintTarget(root: string): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { cwd: root, command: 'eslint .' },
    cache: true,
    // As @nx/eslint had it: a run given an outputFile option caches that file; none by default.
    outputs: ['{options.outputFile}'],
    metadata: {
      technologies: ['eslint'],
      description: 'Runs ESLint on project',
      help: { command: 'npx eslint --help', example: { options: { 'max-warnings': 0 } } },
    },
  };
}
