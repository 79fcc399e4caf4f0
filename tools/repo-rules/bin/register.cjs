// Lets the repo-rules CLIs run straight from their TypeScript sources, with no build step: swc compiles
// each .ts file on require, and the @slipway/* aliases resolve from tsconfig.base.json's paths.
// Not @swc-node/register: it loads the TypeScript compiler to read the tsconfig, ~0.25 CPU-s a start and
// most of what a CLI run cost; these sources need only their types stripped and CommonJS modules.
// workflow-rules' lint-workflows target loads it too: `node --require ./tools/repo-rules/bin/register.cjs`.
const Module = require('node:module');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const WORKSPACE_ROOT = path.join(__dirname, '../../..');

// The workspace's workarounds, as Nx and bin/slipway.js load them, for the nx these CLIs start: workflow
// steps run them through npm, not nx. The environment wins; an earlier file wins over a later one.
for (const file of ['.local.env', '.env.local', '.env']) {
  const envFile = path.join(WORKSPACE_ROOT, file);
  if (existsSync(envFile)) process.loadEnvFile(envFile);
}

const { compilerOptions } = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8'));
const { transformSync } = require('@swc/core');

/** `"@slipway/x": ["./libs/x/src/index.ts"]` → `@slipway/x` → `<root>/libs/x/src/index.ts`. */
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(WORKSPACE_ROOT, target)]),
);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: compilerOptions.target, keepClassNames: true },
    // `import()` stays a real dynamic import, so ESM-only packages (semantic-release, commitlint) load natively.
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  module._compile(code, filename);
};
// Stack traces name the .ts lines (the inline source maps above).
process.setSourceMapsEnabled(true);

/** Runs a CLI entry `(argv, io) => Promise<exitCode>` from ../src/cli and exits with its code. */
exports.runCli = function runCli(entry) {
  const { processIo } = require('../src/cli/cli-io.ts');
  entry(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 70;
    },
  );
};
