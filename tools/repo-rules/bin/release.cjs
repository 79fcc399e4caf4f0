#!/usr/bin/env node
// semantic-release with the repo's release.config.js, plus machine-readable outputs; see src/cli/release.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/release.ts').releaseCli);
