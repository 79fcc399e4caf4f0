// Lets the repo-rules CLIs run straight from their TypeScript sources, with no build step
// (tools/ts-sources.cjs). workflow-rules' lint-workflows target loads it too:
// `node --require ./tools/repo-rules/bin/register.cjs`.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { WORKSPACE_ROOT, register } = require('../../ts-sources.cjs');

// The workspace's workarounds, as Nx and bin/slipway.js load them, for the nx these CLIs start: workflow
// steps run them through npm, not nx. The environment wins; an earlier file wins over a later one.
for (const file of ['.local.env', '.env.local', '.env']) {
  const envFile = path.join(WORKSPACE_ROOT, file);
  if (existsSync(envFile)) process.loadEnvFile(envFile);
}
register();

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
