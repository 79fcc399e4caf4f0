#!/usr/bin/env node
// Previews the next release without a token and without changing anything; see src/cli/release-next.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/release-next.ts').releaseNextCli);
