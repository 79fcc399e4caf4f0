module.exports = {
  displayName: 'ecs-simulator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/ecs-simulator',
  coverageThreshold: { global: { lines: 80 } },
};
