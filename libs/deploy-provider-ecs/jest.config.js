module.exports = {
  displayName: 'deploy-provider-ecs',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/deploy-provider-ecs',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
};
