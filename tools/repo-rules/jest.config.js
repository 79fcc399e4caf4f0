module.exports = {
  displayName: 'repo-rules',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/repo-rules',
  coverageThreshold: { global: { lines: 80 } },
  // The integration specs drive real git, commitlint and semantic-release in child processes.
  testTimeout: 60_000,
  // Jest's default workers (one fewer than the cores): a second worker on two cores cost ~2 CPU-s of its
  // own start and module loads, more than the end-to-end specs' waits side by side saved.
};
