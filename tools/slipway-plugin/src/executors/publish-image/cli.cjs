#!/usr/bin/env node
// publish-image as scripts ran it before bin/slipway.js ran every executor: the same runner, without a
// project (only the flags given, the environment and the schema's defaults), exiting with the distinct code.
require('../../../bin/slipway.js').run(['publish-image', '--', ...process.argv.slice(2)]);
