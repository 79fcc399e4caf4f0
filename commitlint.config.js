// Conventional commits (https://www.conventionalcommits.org): the commit-msg hook and the CI range
// check both read this file, and semantic-release turns the same headers into versions.
module.exports = {
  extends: ['@commitlint/config-conventional'],
  helpUrl: 'CONTRIBUTING.md#commit-messages',
};
