module.exports = {
  displayName: 'deploy-provider-docker',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/deploy-provider-docker',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
};
