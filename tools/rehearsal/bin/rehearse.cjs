#!/usr/bin/env node
// npm run rehearse: the ci, build and deploy workflows on this machine (see docs/runbooks/rehearse.md).
// Runs straight from the TypeScript sources: swc compiles on require and resolves @slipway/* from tsconfig.base.json.
const path = require('node:path');

const root = path.join(__dirname, '../../..');
process.env.SWC_NODE_PROJECT = path.join(root, 'tsconfig.base.json');
require('@swc-node/register');

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
