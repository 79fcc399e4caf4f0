// Shared Jest settings. @swc/jest strips the types and compiles each file on its own (as
// `isolatedModules` in tsconfig.base.json promises it can); type errors are the `typecheck`
// target's job, which runs tsc on every project. Path aliases come from tsconfig.base.json so tests
// import libs exactly as the code does.
const os = require('node:os');
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const swc = {
  jsc: {
    parser: { syntax: 'typescript' },
    target: compilerOptions.target,
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

// `"@slipway/x": ["./libs/x/src/index.ts"]` → `"^@slipway/x$": "<root>/libs/x/src/index.ts"`
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  // Transformed files, keyed by content: a per-user cache that every clone reuses, as Nx's cache. Not under
  // os.tmpdir(), which `npm test` makes a fresh dir that must end up empty.
  cacheDirectory: path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'slipway/jest'),
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  collectCoverage: true,
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/**/*.spec.ts',
    '!src/**/*.e2e.ts',
    '!src/**/test-support/**',
    '!src/index.ts',
  ],
};
