module.exports = {
  displayName: 'rehearsal',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/rehearsal',
  coverageThreshold: { global: { lines: 85, branches: 75 } },
  // The CLI entry only wires process I/O to main(); main() itself is tested.
  coveragePathIgnorePatterns: ['/node_modules/', '/src/fixtures/'],
  // The two Docker specs mostly wait on the engine: side by side they take as long as the longer one.
  maxWorkers: 2,
};
