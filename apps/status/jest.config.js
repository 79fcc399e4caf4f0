module.exports = {
  displayName: 'status',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/status',
  // main.ts only runs inside the built bundle, in child processes (main.spec.ts), where Jest
  // cannot instrument it; everything it wires is covered in process.
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/test-support/**', '!src/main.ts'],
  coverageThreshold: { global: { lines: 90 } },
};
