// End-to-end: each test starts the ECS simulator in-process and runs the real `nx run api:<target>`
// as a child process against it. Two files at a time: each nx process needs most of a core.
module.exports = {
  displayName: 'deploy-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/deploy-e2e',
  coverageThreshold: { global: { lines: 80 } },
  maxWorkers: 2,
  // The caches the nx children of one run share (src/lib/child-caches.ts), made and removed once.
  globalSetup: '<rootDir>/src/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/src/test-support/global-teardown.ts',
  testTimeout: 60_000,
};
