module.exports = {
  displayName: 'workflow-rules',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/workflow-rules',
  coverageThreshold: { global: { lines: 90, branches: 80 } },
};
