#!/usr/bin/env node
// The services a workflow acts on, from the project graph; see src/cli/services.ts.
const { runCli } = require('./register.cjs');

runCli(require('../src/cli/services.ts').servicesCli);
