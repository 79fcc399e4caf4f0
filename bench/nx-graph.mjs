// npm run bench:nx-graph: what nx costs to build this workspace's project graph, measured side by side,
// alternating, in one run:
// - its plugins loaded in the nx process (NX_ISOLATE_PLUGINS=false, the setting in .env) or isolated in
//   worker processes (Nx's default);
// - lint inferred by the Slipway plugin (this nx.json) or, as before, by @nx/eslint/plugin, which loads
//   ESLint in every nx process.
//
//   node bench/nx-graph.mjs [--runs 5]
//
// Each run is `nx show projects` with the daemon off, as in CI and in the tests' nested nx runs: once
// reading the cached graph of an unchanged workspace, once computing it (NX_CACHE_PROJECT_GRAPH=false).
// It runs in a copy of the workspace (the files git sees, node_modules linked, a .nx of its own); the
// @nx/eslint/plugin setting in a second copy whose nx.json registers that plugin again, where it was.
// Figures: median and slowest of --runs wall time, and median CPU time (user + system of nx and of the
// processes it waited for, from /proc on Linux: a plugin worker still running when nx exits is left out).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// Node 24 loads this TypeScript file as it is (it has no imports and only erasable syntax).
import { nxChildEnv } from '../tools/testing/src/lib/child-env.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);
const nx = join(root, 'node_modules/nx/dist/bin/nx.js');
const ESLINT_PLUGIN = { plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } };

/** A copy of the workspace as git sees it (tracked and untracked, not ignored), nx.json changed by `edit`. */
function copyOfWorkspace(dir, edit = (nxJson) => nxJson) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const file of files.split('\0').filter((file) => file && existsSync(join(root, file)))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const nxJson = edit(JSON.parse(readFileSync(join(dir, 'nx.json'), 'utf8')));
  writeFileSync(join(dir, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  return dir;
}

/** nx.json as it was: @nx/eslint/plugin registered just before the Slipway plugin. */
function withEslintPlugin(nxJson) {
  const plugins = nxJson.plugins.filter((plugin) => plugin.plugin !== ESLINT_PLUGIN.plugin);
  const slipway = plugins.findIndex((plugin) => (plugin.plugin ?? plugin) === '@slipway/nx-plugin');
  return { ...nxJson, plugins: plugins.toSpliced(slipway, 0, ESLINT_PLUGIN) };
}

/** CPU seconds this process has waited for in its children (Linux /proc; NaN elsewhere). */
function childrenCpuSeconds() {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}
const ticksPerSecond = existsSync('/proc/self/stat') ? Number(execFileSync('getconf', ['CLK_TCK'])) : 100;

function showProjects(cwd, isolate, cache) {
  const env = nxChildEnv(process.env, { NX_ISOLATE_PLUGINS: isolate, NX_CACHE_PROJECT_GRAPH: cache });
  const [started, cpu] = [process.hrtime.bigint(), childrenCpuSeconds()];
  const projects = execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd, env, encoding: 'utf8' });
  return {
    wall: Number(process.hrtime.bigint() - started) / 1e9,
    cpu: childrenCpuSeconds() - cpu,
    projects: projects.split('\n').filter(Boolean).sort().join(' '),
  };
}

const CASES = [
  ['cached graph', 'true'],
  ['graph computed', 'false'],
];

const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-nx-graph-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
try {
  const workspace = copyOfWorkspace(join(dir, 'workspace'));
  const before = copyOfWorkspace(join(dir, 'eslint-plugin'), withEslintPlugin);
  const SETTINGS = [
    ['lint by the Slipway plugin (now)', workspace, 'false'],
    ['  the same, plugins isolated', workspace, 'true'],
    ['lint by @nx/eslint/plugin (before)', before, 'false'],
  ];
  // Warms the file system and each copy's graph cache; both copies must agree on the projects.
  const [now, then] = [workspace, before].map((cwd) => showProjects(cwd, 'false', 'true').projects);
  if (now !== then) throw new Error(`the copies see different projects:\n${now}\n${then}`);

  const times = new Map();
  for (let run = 0; run < runs; run++)
    for (const [, cache] of CASES)
      for (const [label, cwd, isolate] of SETTINGS) {
        const key = `${label}/${cache}`;
        times.set(key, [...(times.get(key) ?? []), showProjects(cwd, isolate, cache)]);
      }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const cell = (samples) => {
    const wall = samples.map(({ wall }) => wall);
    const cpu = median(samples.map(({ cpu }) => cpu));
    return `${median(wall).toFixed(2)} s (${Math.max(...wall).toFixed(2)}), ${cpu.toFixed(2)} CPU-s`.padStart(30);
  };
  console.log(`nx show projects (${now.split(' ').length} projects), daemon off: median (slowest) of ${runs} runs\n`);
  console.log(`${'setting'.padEnd(38)}${CASES.map(([label]) => label.padStart(30)).join('')}`);
  for (const [label] of SETTINGS)
    console.log(`${label.padEnd(38)}${CASES.map(([, cache]) => cell(times.get(`${label}/${cache}`))).join('')}`);
} finally {
  cleanUp();
}
