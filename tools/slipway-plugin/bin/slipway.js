#!/usr/bin/env node
/**
 * Runs a Slipway deploy executor in-process and exits with its DISTINCT exit code
 * (`nx run` collapses every failure to 1). Same executor, same project.json options, same schema
 * validation and defaults as `nx run`, through Nx's own runExecutor.
 *
 *   node tools/slipway-plugin/bin/slipway.js deploy api -- --version v1.2.0 --environment production
 *   node tools/slipway-plugin/bin/slipway.js rollback api -- --environment production [--to v1.1.0]
 *   node tools/slipway-plugin/bin/slipway.js deploy-continue api -- --environment production
 *   node tools/slipway-plugin/bin/slipway.js deploy-status api [-- --environment production] [--json]
 *
 * Exit codes: 0 deployed, 2 invalid input / pre-flight / refused update (nothing running changed), 3 failed and rolled back,
 * 4 failed and not rolled back, 5 timed out, 6 superseded, 7 refused (deployment in progress),
 * 8 paused at a lifecycle hook (a decision is pending), 130 interrupted, 1 this runner itself could not start (unknown project/target, bad flag).
 */
'use strict';

const { parseArgs } = require('node:util');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const COMMANDS = ['deploy', 'rollback', 'deploy-continue', 'deploy-status'];
const USAGE =
  'usage: slipway.js <deploy|rollback|deploy-continue|deploy-status> <project> [-- --version vX.Y.Z --environment <name> ...]';

// Local TypeScript executors load through swc, as with `nx run` (the workspace .env says the same).
process.env.NX_PREFER_NODE_STRIP_TYPES ??= 'false';
// Run from the workspace root, as `nx` does: started elsewhere, swc resolves the @slipway/* aliases
// against the wrong directory, and its on-disk transform cache (keyed without the cwd) would then
// hand that broken output to every later `nx run` of this checkout.
process.chdir(join(__dirname, '..', '..', '..'));

function camelCase(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

/** Flags after the project (a leading `--` is optional), typed by the executor's schema.json. */
function parseFlags(argv, schema) {
  const options = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const type = property.type === 'boolean' ? 'boolean' : 'string';
    options[name] = { type };
    const dashed = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (dashed !== name) options[dashed] = { type };
  }
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values, positionals } = parseArgs({
    args,
    options,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected argument(s): ${positionals.join(' ')}`);
  const overrides = {};
  for (const [key, value] of Object.entries(values)) overrides[camelCase(key)] = value;
  return overrides;
}

async function main(argv) {
  const [command, project, ...rest] = argv;
  if (!COMMANDS.includes(command) || !project) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'src', 'executors', command, 'schema.json'), 'utf8'));
  let overrides;
  try {
    overrides = parseFlags(rest, schema);
  } catch (error) {
    process.stderr.write(`slipway: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const devkit = require('@nx/devkit');
  const projectGraph = await devkit.createProjectGraphAsync({ exitOnError: false });
  const context = {
    root: devkit.workspaceRoot,
    cwd: process.cwd(),
    isVerbose: false,
    projectGraph,
    projectsConfigurations: devkit.readProjectsConfigurationFromProjectGraph(projectGraph),
    nxJsonConfiguration: JSON.parse(readFileSync(join(devkit.workspaceRoot, 'nx.json'), 'utf8')),
  };
  let last;
  for await (const result of await devkit.runExecutor({ project, target: command }, overrides, context)) last = result;
  if (last && typeof last.exitCode === 'number') return last.exitCode;
  return last?.success ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`slipway: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
