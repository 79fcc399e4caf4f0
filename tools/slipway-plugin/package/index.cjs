// The plugin as Nx loads it: `@slipway/nx-plugin` is this folder, linked into node_modules by the root
// package.json ("file:"), and its entry points are CommonJS that load the TypeScript sources in ../src
// through the workspace's own require hook (tools/ts-sources.cjs).
// Why not the usual local plugin (package.json at the project root, found through a tsconfig alias)?
// Nx then loads the TypeScript compiler in every process that reads the plugin, to find tsconfig's
// customConditions (nx/src/project-graph/plugins/transpiler.js, and resolveSchema →
// tryResolveFromSource in nx/src/config/schema-utils.js): 0.15–0.3 CPU-s in the nx process and again in
// each executor it forks. With no package.json at the project root, Nx reads this package as it reads
// an installed one. See "Known workarounds" in CONTRIBUTING.md.
require('../../ts-sources.cjs').register();

module.exports = require('../src/index.ts');
