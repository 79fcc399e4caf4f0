// Lets the repo-rules CLIs run straight from their TypeScript sources, with no build step:
// swc compiles each file on require, resolving the @slipway/* aliases from tsconfig.base.json.
const { existsSync } = require('node:fs');
const path = require('node:path');

// The workspace's workarounds (SWC_NODE_CACHE=0 among them), as Nx and bin/slipway.js load them: workflow
// steps run these CLIs through npm, not nx. The environment wins; an earlier file wins over a later one.
for (const file of ['.local.env', '.env.local', '.env']) {
  const envFile = path.join(__dirname, '../../..', file);
  if (existsSync(envFile)) process.loadEnvFile(envFile);
}
process.env.SWC_NODE_PROJECT = path.join(__dirname, '../../../tsconfig.base.json');
// Keep `import()` as a real dynamic import so ESM-only packages (semantic-release, commitlint) load natively.
process.env.SWC_NODE_IGNORE_DYNAMIC = '1';
require('@swc-node/register');

/** Runs a CLI entry `(argv, io) => Promise<exitCode>` from ../src/cli and exits with its code. */
exports.runCli = function runCli(entry) {
  const { processIo } = require('../src/cli/cli-io.ts');
  entry(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 70;
    },
  );
};
