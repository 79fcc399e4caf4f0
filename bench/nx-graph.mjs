// npm run bench:nx-graph: how long nx takes to build this workspace's project graph with its plugins
// isolated in worker processes (Nx's default) and loaded in the nx process (NX_ISOLATE_PLUGINS=false,
// the setting in .env), measured side by side, alternating, in one run.
//
//   node bench/nx-graph.mjs [--runs 5]
//
// Each run is `nx show projects` with the daemon off, as in CI and in the tests' nested nx runs: once
// reading the cached graph of an unchanged workspace, once computing it (NX_CACHE_PROJECT_GRAPH=false).
// Figures: median and slowest of --runs, wall time of the whole command.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// Node 24 loads this TypeScript file as it is (it has no imports and only erasable syntax).
import { nxChildEnv } from '../tools/testing/src/lib/child-env.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);
const nx = join(root, 'node_modules/nx/dist/bin/nx.js');

const SETTINGS = [
  ['isolated (Nx default)', 'true'],
  ['in the nx process (.env)', 'false'],
];

const CASES = [
  ['cached graph', 'true'],
  ['graph computed', 'false'],
];

function graphSeconds(isolate, cache) {
  const env = nxChildEnv(process.env, { NX_ISOLATE_PLUGINS: isolate, NX_CACHE_PROJECT_GRAPH: cache });
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd: root, env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const key = (isolate, cache) => `${isolate}/${cache}`;
const times = new Map();
graphSeconds('false', 'true'); // warms the file system and the graph cache
for (let run = 0; run < runs; run++)
  for (const [, cache] of CASES)
    for (const [, isolate] of SETTINGS)
      times.set(key(isolate, cache), [...(times.get(key(isolate, cache)) ?? []), graphSeconds(isolate, cache)]);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const cell = (values) => `${median(values).toFixed(2)} s (${Math.max(...values).toFixed(2)})`.padStart(20);
console.log(`nx show projects, daemon off: median (slowest) of ${runs} runs\n`);
console.log(`${'plugins'.padEnd(28)}${CASES.map(([label]) => label.padStart(20)).join('')}`);
for (const [label, isolate] of SETTINGS)
  console.log(`${label.padEnd(28)}${CASES.map(([, cache]) => cell(times.get(key(isolate, cache)))).join('')}`);
