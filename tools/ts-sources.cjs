// How this workspace runs its TypeScript sources without a build: swc strips the types of each file on its
// own (what `isolatedModules` in tsconfig.base.json promises) into CommonJS, and the @slipway/* aliases of
// tsconfig.base.json's `paths` name the files. jest.preset.js transforms with these options; the Nx plugin's
// entry points (tools/slipway-plugin/package) and the repo-rules CLIs install the require hook.
// Not @swc-node/register, nor the transpiler Nx registers for a local plugin: both load the TypeScript
// compiler to read the tsconfig, 0.15–0.3 CPU-s in each process that starts.
const { createHash } = require('node:crypto');
const Module = require('node:module');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const os = require('node:os');
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

/**
 * Compiled files, keyed by everything the output depends on (swc's version, the options, the path within the
 * workspace, the source): a per-user cache every process and every clone reuses, beside Jest's
 * (jest.preset.js). The output names no absolute path (its source map names the file's base name, which Node
 * resolves beside the file), and the aliases resolve at `require` time, not in it.
 */
const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'slipway/ts-sources');

function transformOptions(filename) {
  return {
    ...swcOptions,
    filename,
    sourceFileName: path.basename(filename),
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    // `import()` stays a real dynamic import, so ESM-only packages (semantic-release, commitlint) load natively.
    module: { ...swcOptions.module, ignoreDynamic: true },
  };
}

/** The CommonJS of one .ts file: from the cache, else swc's (loaded only then), then cached. */
function compiled(source, filename) {
  const options = transformOptions(filename);
  const { filename: _absolute, ...sameInEveryClone } = options;
  const key = createHash('sha256')
    .update(require('@swc/core/package.json').version)
    .update(`\0${path.relative(WORKSPACE_ROOT, filename)}\0${JSON.stringify(sameInEveryClone)}\0${source}`)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { code } = require('@swc/core').transformSync(source, options);
  try {
    // Written whole, then renamed: a process reading at the same time sees the old state or the new file.
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only home: compile again next time.
  }
  return code;
}

let registered = false;

/** From now on `require` in this process loads .ts files and resolves the aliases. */
function register() {
  if (registered) return;
  registered = true;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveAlias(request, ...rest) {
    return resolveFilename.call(this, aliasTargets.get(request) ?? request, ...rest);
  };
  Module._extensions['.ts'] = function compileTypeScript(module, filename) {
    module._compile(compiled(readFileSync(filename, 'utf8'), filename), filename);
  };
  // Stack traces name the .ts lines (the inline source maps above).
  process.setSourceMapsEnabled(true);
}

module.exports = { WORKSPACE_ROOT, swcOptions, aliasTargets, register };
