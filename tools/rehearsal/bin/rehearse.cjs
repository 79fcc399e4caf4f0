#!/usr/bin/env node
// npm run rehearse: the ci, build and deploy workflows on this machine (see docs/runbooks/rehearse.md).
// Runs straight from the TypeScript sources (tools/ts-sources.cjs).
const { WORKSPACE_ROOT: root, register } = require('../../ts-sources.cjs');

register();

const { main } = require('../src/cli.ts');
main(process.argv.slice(2), { write: (text) => process.stdout.write(text), env: process.env, root }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`rehearse: unexpected error (exit 1)\n${(error && error.stack) || error}\n`);
    process.exitCode = 1;
  },
);
