#!/usr/bin/env node
// publish-image with its exit codes intact (nx run collapses failures to 1). Runs straight from the
// TypeScript sources: swc compiles on require and resolves @slipway/* from tsconfig.base.json.
const path = require('node:path');

process.env.SWC_NODE_PROJECT = path.join(__dirname, '../../../../../tsconfig.base.json');
require('@swc-node/register');

const { main } = require('./cli.ts');
const io = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${(error && error.stack) || error}\n`);
    process.exitCode = 1;
  },
);
