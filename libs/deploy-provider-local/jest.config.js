module.exports = {
  displayName: 'deploy-provider-local',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/deploy-provider-local',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
};
