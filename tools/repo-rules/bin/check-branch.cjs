#!/usr/bin/env node
// Branch-name rule for the pre-push hook and CI; the logic lives in src/cli/check-branch.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/check-branch.ts').checkBranchCli);
