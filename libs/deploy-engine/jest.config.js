module.exports = {
  displayName: 'deploy-engine',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/deploy-engine',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
};
