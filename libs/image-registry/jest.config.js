module.exports = {
  displayName: 'image-registry',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/image-registry',
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
