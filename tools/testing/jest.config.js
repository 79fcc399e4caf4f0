const { spawnSync } = require('node:child_process');

// The helpers that start Docker and the registry are measured only where their gated tests run
// (always in CI; elsewhere when the binaries are installed), so a machine without Docker skips those
// tests, as it may, instead of failing the coverage threshold. Mirrors src/lib/docker-gate.ts.
const ci = process.env.CI === 'true' || process.env.CI === '1';
const installed = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
const gatedTestsRun =
  ci || (process.env.SLIPWAY_SKIP_DOCKER_TESTS !== '1' && installed('docker-registry') && installed('dockerd'));

module.exports = {
  displayName: 'testing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/testing',
  coverageThreshold: { global: { lines: 80 } },
  coveragePathIgnorePatterns: gatedTestsRun
    ? ['/node_modules/']
    : ['/node_modules/', 'container-environment\\.ts$', 'throwaway-registry\\.ts$', 'seed-image\\.ts$'],
};
