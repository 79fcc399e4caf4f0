module.exports = {
  displayName: 'k8s-simulator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/k8s-simulator',
  coverageThreshold: { global: { lines: 80 } },
  // The executor-level tests start `nx run` child processes.
  testTimeout: 120_000,
};
