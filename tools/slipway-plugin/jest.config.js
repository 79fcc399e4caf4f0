module.exports = {
  displayName: 'slipway-plugin',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/slipway-plugin',
  coverageThreshold: { global: { lines: 80 } },
};
