module.exports = {
  displayName: 'repo-rules',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/repo-rules',
  coverageThreshold: { global: { lines: 80 } },
  // The integration specs drive real git, commitlint and semantic-release in child processes.
  testTimeout: 60_000,
  // The release and release-next end-to-end specs each take seconds of child processes: run them side by side.
  maxWorkers: 2,
};
