#!/usr/bin/env node
// deploy.yml's one summary of every service: each deploy job records its result, the summary job
// reads them back; see src/cli/deploy-summary.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/deploy-summary.ts').deploySummaryCli);
