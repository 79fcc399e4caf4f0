// Shared Jest settings. @swc/jest strips the types and compiles each file on its own, with the options the
// workspace runs its TypeScript sources with (tools/ts-sources.cjs); type errors are the `typecheck`
// target's job, which runs tsc on every project. Path aliases come from tsconfig.base.json so tests
// import libs exactly as the code does.
const path = require('node:path');
const { swcOptions, aliasTargets } = require('./tools/ts-sources.cjs');

// `@slipway/x` → `"^@slipway/x$": "<root>/libs/x/src/index.ts"`
const moduleNameMapper = Object.fromEntries(
  [...aliasTargets].map(([alias, target]) => [`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, target]),
);

module.exports = {
  testEnvironment: 'node',
  // Transformed files, in the clone: Jest keys them by the project's absolute path (jest-transform-cache-<id of
  // rootDir>), and coverage-instrumented code names the absolute file, so no other clone could use them. In a
  // per-user cache every clean clone of a CI run added a set (1,344 of them and 3.3 GB by 2026-12-05). Not
  // under os.tmpdir(), which `npm test` makes a fresh dir that must end up empty.
  cacheDirectory: path.join(__dirname, 'node_modules/.cache/jest'),
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
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
