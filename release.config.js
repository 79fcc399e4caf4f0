// semantic-release: one version stream for the repository, vMAJOR.MINOR.PATCH tags cut from main.
// No npm publish and no commit pushed back to main: the release notes live in the GitHub release.
// Run it through `npm run release` (tools/repo-rules), which also hands the version to the next step.
const inGitHubActions = process.env.GITHUB_ACTIONS === 'true';

module.exports = {
  branches: ['main'],
  tagFormat: 'v${version}',
  plugins: [
    ['@semantic-release/commit-analyzer', { preset: 'conventionalcommits' }],
    ['@semantic-release/release-notes-generator', { preset: 'conventionalcommits' }],
    // The GitHub plugin needs a github.com remote and a token, so it only runs in Actions. Comments,
    // labels and failure issues are off: the job then needs nothing beyond `contents: write`.
    ...(inGitHubActions
      ? [
          [
            '@semantic-release/github',
            { successCommentCondition: false, failCommentCondition: false, releasedLabels: false },
          ],
        ]
      : []),
  ],
};
