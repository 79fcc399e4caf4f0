module.exports = {
  displayName: 'service-runtime',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/service-runtime',
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
