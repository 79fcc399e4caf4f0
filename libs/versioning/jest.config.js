module.exports = {
  displayName: 'versioning',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/versioning',
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
