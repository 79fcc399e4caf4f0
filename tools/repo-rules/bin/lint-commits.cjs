#!/usr/bin/env node
// Lints every commit of a range (CI: the pull request's base..head); logic in src/cli/lint-commits.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/lint-commits.ts').lintCommitsCli);
