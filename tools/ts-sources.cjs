// How this workspace runs its TypeScript sources without a build: swc strips the types of each file on its
// own (what `isolatedModules` in tsconfig.base.json promises) into CommonJS, and the @slipway/* aliases of
// tsconfig.base.json's `paths` name the files. jest.preset.js transforms with these options; the Nx plugin's
// entry points (tools/slipway-plugin/package) and the repo-rules CLIs install the require hook.
// Not @swc-node/register, nor the transpiler Nx registers for a local plugin: both load the TypeScript
// compiler to read the tsconfig, 0.15–0.3 CPU-s in each process that starts.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const WORKSPACE_ROOT = path.join(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8'));

/** swc's options for one file: its types stripped, its modules CommonJS. */
const swcOptions = {
  jsc: { parser: { syntax: 'typescript' }, target: compilerOptions.target, keepClassNames: true },
  module: { type: 'commonjs' },
};

/** `"@slipway/x": ["./libs/x/src/index.ts"]` → `@slipway/x` → `<root>/libs/x/src/index.ts`. */
const aliasTargets = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(WORKSPACE_ROOT, target)]),
);

let registered = false;

/** From now on `require` in this process loads .ts files and resolves the aliases. */
function register() {
  if (registered) return;
  registered = true;
  const { transformSync } = require('@swc/core');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveAlias(request, ...rest) {
    return resolveFilename.call(this, aliasTargets.get(request) ?? request, ...rest);
  };
  Module._extensions['.ts'] = function compileTypeScript(module, filename) {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      ...swcOptions,
      filename,
      swcrc: false,
      configFile: false,
      sourceMaps: 'inline',
      // `import()` stays a real dynamic import, so ESM-only packages (semantic-release, commitlint) load natively.
      module: { ...swcOptions.module, ignoreDynamic: true },
    });
    module._compile(code, filename);
  };
  // Stack traces name the .ts lines (the inline source maps above).
  process.setSourceMapsEnabled(true);
}

module.exports = { WORKSPACE_ROOT, swcOptions, aliasTargets, register };
