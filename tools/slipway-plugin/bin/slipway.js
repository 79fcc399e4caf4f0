#!/usr/bin/env node
/**
 * The one runner for the plugin's executors that have distinct exit codes: runs the executor in-process
 * through Nx's own runExecutor (same project.json options, schema validation and defaults as `nx run`)
 * and exits with the executor's exit code, which `nx run` collapses to 1.
 *
 *   node tools/slipway-plugin/bin/slipway.js deploy api -- --version v1.2.0 --environment production
 *   node tools/slipway-plugin/bin/slipway.js rollback api -- --environment production [--to v1.1.0]
 *   node tools/slipway-plugin/bin/slipway.js deploy-status api [-- --environment production] [--json]
 *   node tools/slipway-plugin/bin/slipway.js publish-image api -- --commit <sha> [--version vX.Y.Z]
 *   node tools/slipway-plugin/bin/slipway.js <executor> --help
 *
 * Flags are typed by the executor's schema.json; the leading `--` is optional here. Without a project
 * (`slipway.js publish-image -- --registry …`, what publish-image/cli.cjs runs) the executor gets only
 * the flags given and its schema's defaults.
 *
 * Exit codes (generated from their sources by `npx nx sync`):
 * exit-codes:start
 * deploy, rollback: 0 deployed (or dry run, already deployed, stage reached, deployment in flight rolled back
 *   on request) · 2 invalid input, failed pre-flight or refused update; nothing running changed · 3 failed
 *   and rolled back · 4 failed and not rolled back (rollback disabled or failed) · 5 timed out · 6 superseded
 *   by another deployment · 7 refused: another deployment in progress · 8 paused at a lifecycle hook: a
 *   decision is pending · 130 interrupted.
 * deploy-status: 0 every environment was read · 2 bad input, or at least one environment could not be read.
 * publish-image: 0 published or already there · 2 invalid input · 3 immutable-tag conflict · 4 registry or
 *   auth failure · 5 Docker engine failure · 1 unexpected error.
 * Any: 1 the runner could not start (unknown executor or project).
 * exit-codes:end
 */
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseArgs } = require('node:util');

const PLUGIN_ROOT = join(__dirname, '..');
const WORKSPACE_ROOT = join(PLUGIN_ROOT, '..', '..');
const PLUGIN = require('../package/package.json').name;
const EXECUTORS = Object.keys(require('../package/executors.json').executors);
const USAGE = `usage: slipway.js <${EXECUTORS.join('|')}> [<project>] [-- <flags>]`;
/** The target an executor gets when no project is named: no options of its own. */
const NO_PROJECT = '(no project)';

/** What the runner does before loading Nx, as `nx` itself would (see "Known workarounds" in CONTRIBUTING.md). */
function actLikeNx() {
  // Nx loads these into its own environment first (an earlier file wins; the environment wins over all):
  // they carry the workspace's workarounds (NX_ISOLATE_PLUGINS, SWC_NODE_CACHE).
  for (const file of ['.local.env', '.env.local', '.env']) {
    const path = join(WORKSPACE_ROOT, file);
    if (existsSync(path)) process.loadEnvFile(path);
  }
  // Nx finds the workspace, its nx.json and its .env from the working directory: started in a project's
  // folder, it would take that folder for the workspace.
  process.chdir(WORKSPACE_ROOT);
  // V8's on-disk bytecode cache for all that follows (Nx, the plugins, the executor's sources), where
  // and as nx/bin/nx.js enables it: NODE_COMPILE_CACHE names the directory, NX_COMPILE_CACHE=false opts out.
  if (process.env.NX_COMPILE_CACHE !== 'false') require('node:module').enableCompileCache?.();
}

function schemaOf(executor) {
  return JSON.parse(readFileSync(join(PLUGIN_ROOT, 'src', 'executors', executor, 'schema.json'), 'utf8'));
}

const dashed = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camelCase = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** Flags after the project (a leading `--` is optional), typed by the executor's schema.json. */
function parseFlags(args, schema) {
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const type = property.type === 'boolean' ? 'boolean' : 'string';
    options[name] = { type };
    if (dashed(name) !== name) options[dashed(name)] = { type };
  }
  const { values, positionals } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
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

function help(executor, schema) {
  const flags = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const value = property.type === 'boolean' ? '' : ` <${property.enum ? property.enum.join('|') : 'value'}>`;
    const fallback = property.default === undefined ? '' : ` (default: ${property.default})`;
    return `  --${dashed(name)}${value}\n      ${property.description}${fallback}`;
  });
  return [USAGE.replace(`<${EXECUTORS.join('|')}>`, executor), '', schema.description, '', 'flags:', ...flags].join(
    '\n',
  );
}

/** Every project, as `nx run` sees them: computing the graph loads every plugin of nx.json. */
async function workspaceProjects(devkit) {
  const projectGraph = await devkit.createProjectGraphAsync({ exitOnError: false });
  return { projectGraph, projects: devkit.readProjectsConfigurationFromProjectGraph(projectGraph).projects };
}

/**
 * Without a project the executor reads no other project, so no graph is computed (that loads every plugin
 * of nx.json: this runner took 0.75 CPU-s with it, 0.46 without): Nx finds the executor from the package
 * `node_modules` links (package/), and needs only the target.
 */
function pluginOnly(executor) {
  const target = { executor: `${PLUGIN}:${executor}`, options: {} };
  return {
    projectGraph: { nodes: {}, dependencies: {} },
    projects: { [NO_PROJECT]: { root: '.', targets: { [executor]: target } } },
  };
}

/** Runs the executor; resolves to the process exit code. */
async function main(argv) {
  const [executor, ...rest] = argv;
  if (!EXECUTORS.includes(executor)) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const project = rest[0] && !rest[0].startsWith('-') ? rest[0] : undefined;
  const schema = schemaOf(executor);
  let overrides;
  try {
    overrides = parseFlags(project ? rest.slice(1) : rest, schema);
  } catch (error) {
    process.stderr.write(`${executor}: invalid input (exit 2): ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (overrides.help) {
    process.stdout.write(`${help(executor, schema)}\n`);
    return 0;
  }
  actLikeNx();
  const devkit = require('@nx/devkit');
  const { projectGraph, projects } = project ? await workspaceProjects(devkit) : pluginOnly(executor);
  const context = {
    root: devkit.workspaceRoot,
    cwd: process.cwd(),
    isVerbose: false,
    projectGraph,
    projectsConfigurations: { version: 2, projects },
    nxJsonConfiguration: JSON.parse(readFileSync(join(devkit.workspaceRoot, 'nx.json'), 'utf8')),
  };
  let last;
  try {
    const run = await devkit.runExecutor({ project: project ?? NO_PROJECT, target: executor }, overrides, context);
    for await (const result of run) last = result;
  } catch (error) {
    // Nx's schema validation throws a SchemaError (not an Error): an option's value is bad input.
    if (error?.constructor?.name !== 'SchemaError') throw error;
    process.stderr.write(`${executor}: invalid input (exit 2): ${error.message}\n`);
    return 2;
  }
  if (last && typeof last.exitCode === 'number') return last.exitCode;
  return last?.success ? 0 : 1;
}

/** `main`, then the process exits with its code; anything thrown means the runner could not start (1). */
function run(argv) {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`slipway: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { main, run };

if (require.main === module) run(process.argv.slice(2));
