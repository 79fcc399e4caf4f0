module.exports = {
  displayName: 'k8s-simulator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/k8s-simulator',
  coverageThreshold: { global: { lines: 80 } },
  // The executor-level tests start `nx run` and slipway.js child processes, through the deploy-e2e harness:
  // its global setup gives them one run's shared caches (tools/deploy-e2e/src/lib/child-caches.ts).
  globalSetup: '<rootDir>/../deploy-e2e/src/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/../deploy-e2e/src/test-support/global-teardown.ts',
  testTimeout: 120_000,
};
