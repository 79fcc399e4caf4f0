module.exports = {
  displayName: 'deploy-provider-kubernetes',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/deploy-provider-kubernetes',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
};
