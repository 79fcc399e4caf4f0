// npm run bench:api: the built api against a bare node:http server answering the same bytes,
// under the same autocannon load, in one run, both on 127.0.0.1; then the api's start-up time.
// Targets: api throughput >= 0.85 of bare node:http; start-up (spawn -> first 200 on /readyz) < 300 ms.
//
//   node bench/api.mjs [--slots 10] [--slot-seconds 2] [--connections 50] [--starts 15]
//
// Both servers run for the whole measurement and the load alternates between them in short slots
// (A B C C B A ...); each figure is the median over slots. On a shared machine a neighbour's burst
// then hits both servers alike instead of deciding the ratio. Server CPU per request (from
// /proc) is printed too: it moves less than requests/s when the machine is busy.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TARGET_RATIO = 0.85;
const TARGET_STARTUP_MS = 300;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    slots: { type: 'string', default: '10' },
    'slot-seconds': { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    starts: { type: 'string', default: '15' },
  },
});
const settings = Object.fromEntries(Object.entries(args).map(([key, value]) => [key, Number(value)]));

const bundle = join(root, 'dist/apps/api/main.js');
if (!existsSync(bundle)) {
  console.error(`bench:api: ${bundle} is missing; run \`npx nx build api\` first (npm run bench:api does).`);
  process.exit(2);
}
// Run the bundle from an empty directory, as the image does: no node_modules to fall back on.
const workDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
copyFileSync(bundle, join(workDir, 'main.js'));

// Production settings: info-level logs to a pipe, as in a container. At info a request that
// succeeded in time writes no access line; a failed or slow one does (see AccessLogController).
const apiEnv = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  APP_VERSION: 'v1.2.0',
  APP_COMMIT: '0123456789abcdef0123456789abcdef01234567',
  APP_BUILT_AT: '2026-01-31T12:00:00Z',
};
const versionBody = JSON.stringify({
  version: apiEnv.APP_VERSION,
  commit: apiEnv.APP_COMMIT,
  builtAt: apiEnv.APP_BUILT_AT,
});
const definitions = {
  'node:http': { script: join(root, 'bench/api-bare-server.mjs'), cwd: root, env: { BARE_BODY: versionBody } },
  api: { script: join(workDir, 'main.js'), cwd: workDir, env: apiEnv },
  // Diagnostic, not a target: the same build with an info access line for every request
  // (SLOW_REQUEST_MS=0), which shows what logging each request would cost.
  'api, every line': { script: join(workDir, 'main.js'), cwd: workDir, env: { ...apiEnv, SLOW_REQUEST_MS: '0' } },
};
const LOADED = ['node:http', 'api', 'api, every line'];

try {
  await main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

async function main() {
  const [load1] = loadavg();
  console.log(
    `bench:api, node ${process.version}: GET /version, ${settings.connections} connections, ` +
      `${settings.slots} alternating slots of ${settings['slot-seconds']} s per server (load average ${load1.toFixed(2)})`,
  );
  const servers = {};
  const stats = {};
  for (const name of LOADED) {
    servers[name] = await startServer(name);
    stats[name] = [];
  }
  try {
    for (const [name, server] of Object.entries(servers)) {
      const body = await (await fetch(`${server.base}/version`)).text();
      if (body !== versionBody) throw new Error(`${name} answered ${body}, expected ${versionBody}`);
      await autocannon({ url: `${server.base}/version`, connections: settings.connections, duration: settings.warmup });
    }
    for (let slot = 0; slot < settings.slots; slot++) {
      const order = slot % 2 === 0 ? LOADED : [...LOADED].reverse();
      for (const name of order) stats[name].push(await loadSlot(servers[name]));
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
  const bare = summarise(stats['node:http']);
  const api = summarise(stats.api);
  const everyLine = summarise(stats['api, every line']);
  const ratio = api.rps / bare.rps;

  const startups = [];
  for (let i = 0; i < settings.starts; i++) startups.push(await timeStartup('api'));
  const bareStartups = [];
  for (let i = 0; i < 5; i++) bareStartups.push(await timeStartup('node:http'));
  const startup = median(startups);

  const row = (name, s) =>
    `  ${name.padEnd(16)} ${fmt(s.rps).padStart(7)} req/s   p99 ${String(s.p99).padStart(3)} ms   ${s.cpuUsPerRequest?.toFixed(1) ?? '?'} µs CPU/request   (slots: ${s.slotsRps.map(fmt).join(' ')})`;
  console.log('');
  console.log('throughput (median over slots)');
  console.log(row('node:http', bare));
  console.log(row('api', api));
  console.log(row('api, every line', everyLine) + '  <- SLOW_REQUEST_MS=0, diagnostic');
  console.log(
    `  ratio api/node:http ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}); ` +
      `p99 ${api.p99} vs ${bare.p99} ms; CPU per request ratio ${(bare.cpuUsPerRequest / api.cpuUsPerRequest).toFixed(3)}`,
  );
  console.log(
    `  the api adds ${(api.cpuUsPerRequest - bare.cpuUsPerRequest).toFixed(1)} µs CPU/request to node:http; an info access line ` +
      `for every request would add ${(everyLine.cpuUsPerRequest - api.cpuUsPerRequest).toFixed(1)} µs more, ` +
      `for a ratio of ${(everyLine.rps / bare.rps).toFixed(3)}`,
  );
  console.log('start-up (spawn -> first 200 on /readyz)');
  console.log(
    `  api median ${startup.toFixed(1)} ms over ${startups.length} starts (min ${Math.min(...startups).toFixed(1)}, max ${Math.max(...startups).toFixed(1)}); ` +
      `target < ${TARGET_STARTUP_MS} ms: ${startup < TARGET_STARTUP_MS ? 'met' : 'MISSED'}`,
  );
  console.log(`  bare node:http median ${median(bareStartups).toFixed(1)} ms (the floor: node itself starting)`);
  console.log(
    JSON.stringify({
      loadAverage: round(load1),
      bare: strip(bare),
      api: strip(api),
      apiEveryLine: strip(everyLine),
      ratio: round(ratio),
      everyLineRatio: round(everyLine.rps / bare.rps),
      startupMedianMs: round(startup),
      startupsMs: startups.map(round),
      bareStartupMedianMs: round(median(bareStartups)),
    }),
  );
}

async function loadSlot(server) {
  const cpuBefore = server.cpuMs();
  const result = await autocannon({
    url: `${server.base}/version`,
    connections: settings.connections,
    duration: settings['slot-seconds'],
  });
  const cpuMs = server.cpuMs() - cpuBefore;
  if (result.non2xx || result.errors)
    throw new Error(`${server.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUsPerRequest: (cpuMs * 1000) / result.requests.total,
  };
}

async function timeStartup(name) {
  const startedAt = performance.now();
  const server = await startServer(name);
  const elapsed = server.readyAt - startedAt;
  await server.stop();
  return elapsed;
}

/**
 * Spawns a server and resolves once GET /readyz answers 200. Its stdout is a pipe read by a
 * separate process, as a container's log driver reads it; draining it here instead would slow
 * the load generator only while it loads the server that logs.
 */
async function startServer(name) {
  const { script, cwd, env } = definitions[name];
  const port = await freePort();
  const logDriver = spawn('cat', [], { stdio: ['pipe', 'ignore', 'inherit'] });
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', logDriver.stdin, 'inherit'],
  });
  logDriver.stdin.destroy(); // the child holds the write end now; cat ends when the child does
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    if ((await probe(`${base}/readyz`)) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return {
    name,
    base,
    readyAt: performance.now(),
    /** User + system CPU of the server process so far, in ms (Linux /proc; NaN elsewhere). */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        return Number.NaN;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      if (code !== 0) throw new Error(`${name} exited with ${code ?? signal} after SIGTERM`);
    },
  };
}

function probe(url) {
  return new Promise((resolve) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', () => resolve(0));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function summarise(slots) {
  return {
    rps: Math.round(median(slots.map((s) => s.rps))),
    p99: median(slots.map((s) => s.p99)),
    cpuUsPerRequest: median(slots.map((s) => s.cpuUsPerRequest)),
    slotsRps: slots.map((s) => s.rps),
  };
}

function strip({ slotsRps, ...rest }) {
  return { ...rest, cpuUsPerRequest: round(rest.cpuUsPerRequest), slotsRps: slotsRps.map(Math.round) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

function round(n) {
  return Math.round(n * 1000) / 1000;
}
