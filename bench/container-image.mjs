// npm run bench:image: the api image's size, build times and start-up, measured side by side in one run.
//
//   node bench/container-image.mjs [--runs 3]      (needs dist/apps/api/main.js: npm run bench:image builds it)
//
// Uses the container environment of tools/ci/container-env.sh (started if down, left running).
// Builds from a temporary context holding exactly what .dockerignore lets through (the bundle), so the
// working tree is never touched; "source change" appends a comment to the bundle, as an edit to the app would.
// Builders: the environment's `docker` (container-env.sh puts a shim first on PATH when the first docker has no
// buildx: Debian's 20.10 client with DOCKER_BUILDKIT=1), once with BuildKit and once with DOCKER_BUILDKIT=0 (the
// legacy builder), both against the same overlay2 engine. `nx run api:docker:build` runs that same docker.
// Figures: medians of --runs; sizes from `docker image inspect` / `docker history` and, compressed, from the
// manifest the registry stores; start-up times count from just before `docker run -d`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(args.runs);
const bundle = join(root, 'dist/apps/api/main.js');
if (!existsSync(bundle))
  throw new Error('dist/apps/api/main.js is missing: run `npx nx build api` first (npm run bench:image does)');

const exports = execFileSync('bash', [join(root, 'tools/ci/container-env.sh'), 'start'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const env = { ...process.env };
for (const [, key, value] of exports.matchAll(/^export ([A-Z_]+)=(.*)$/gm)) env[key] = value;
const registry = env.SLIPWAY_TEST_REGISTRY;
const baseImage = env.SLIPWAY_BASE_IMAGE;

const sh = (cmd, argv, extra = {}) =>
  execFileSync(cmd, argv, { env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const time = (fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  return seconds(t0);
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (value) => `${value.toFixed(2)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A build context with exactly what .dockerignore admits.
const context = mkdtempSync(join(tmpdir(), 'bench-image-'));
mkdirSync(join(context, 'dist/apps/api'), { recursive: true });
copyFileSync(join(root, '.dockerignore'), join(context, '.dockerignore'));
copyFileSync(bundle, join(context, 'dist/apps/api/main.js'));

const cli = sh('docker', ['--version']).replace(/^Docker version ([0-9.]+).*$/, '$1');
const buildKit = env.PATH !== process.env.PATH || spawnSync('docker', ['buildx', 'version'], { env }).status === 0;
const builders = [{ name: `legacy builder (${cli} CLI)`, buildkit: '0' }];
if (buildKit) builders.push({ name: `BuildKit (${cli} CLI)`, buildkit: '1' });

function build(builder, tag, extra = []) {
  const argv = [
    'build',
    '-q',
    '--file',
    join(root, 'apps/api/Dockerfile'),
    '--tag',
    tag,
    '--build-arg',
    `BASE_IMAGE=${baseImage}`,
    '--build-arg',
    'APP_VERSION=v0.0.1',
    '--build-arg',
    `APP_COMMIT=${'b'.repeat(40)}`,
    '--build-arg',
    'APP_BUILT_AT=2026-01-01T00:00:00Z',
    ...extra,
    context,
  ];
  return time(() => sh('docker', argv, { DOCKER_BUILDKIT: builder.buildkit }));
}
const layers = (tag) => JSON.parse(sh('docker', ['image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag]));

// 1. the base image, made from the npm package (tarball cached after the first run)
const baseTag = 'local/node-base:bench';
const baseSeconds = time(() => sh('bash', [join(root, 'tools/ci/make-node-base.sh'), baseTag]));
const baseBytes = Number(sh('docker', ['image', 'inspect', '-f', '{{.Size}}', baseTag]));
sh('docker', ['rmi', baseTag]);

// 2. cold / warm / source-change builds, per builder
const buildRows = [];
for (const builder of builders) {
  const tag = `bench/api:${builder.buildkit === '1' ? 'buildkit' : 'legacy'}`;
  const cold = [],
    warm = [],
    change = [];
  let changedLayers = 0;
  for (let i = 0; i < runs; i++) {
    cold.push(build(builder, tag, ['--no-cache']));
    const before = layers(tag);
    warm.push(build(builder, tag));
    appendFileSync(join(context, 'dist/apps/api/main.js'), `\n// bench edit ${Date.now()}\n`);
    change.push(build(builder, tag));
    const after = layers(tag);
    changedLayers =
      after.filter((layer, index) => layer !== before[index]).length + Math.max(0, before.length - after.length);
  }
  buildRows.push({
    builder: builder.name,
    cold: median(cold),
    warm: median(warm),
    change: median(change),
    changedLayers,
    totalLayers: layers(tag).length,
  });
}

// 2b. the whole `nx run api:docker:build` (esbuild bundle, then docker build), once each: Nx cache off / on
const nxBuild = (extra) =>
  time(() =>
    sh('npx', ['nx', 'run', 'api:docker:build', ...extra, '--', '--tag', 'bench/api:nx'], {
      NX_DAEMON: 'false',
      BASE_IMAGE: baseImage,
      APP_VERSION: 'v0.0.1',
      APP_COMMIT: 'b'.repeat(40),
      APP_BUILT_AT: '2026-01-01T00:00:00Z',
    }),
  );
const nxCold = nxBuild(['--skip-nx-cache']);
nxBuild([]); // fills the Nx cache (a --skip-nx-cache run may not)
const nxWarm = nxBuild([]);
sh('docker', ['rmi', 'bench/api:nx']);

// 3. sizes of the image as the api ships it
const tag = builders.length > 1 ? 'bench/api:buildkit' : 'bench/api:legacy';
const imageBytes = Number(sh('docker', ['image', 'inspect', '-f', '{{.Size}}', tag]));
const history = sh('docker', [
  'history',
  '--no-trunc',
  '--human=false',
  '--format',
  '{{.CreatedBy}}\t{{.Size}}',
  tag,
]).split('\n');
const appLayerBytes = Number(history.find((line) => line.includes('COPY'))?.split('\t')[1] ?? NaN);

// 4. push to an empty registry (cold) and the same image to another repository (layers already there)
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address();
    server.close(() => resolve(p));
  });
});
const regDir = mkdtempSync(join(tmpdir(), 'bench-registry-'));
writeFileSync(
  join(regDir, 'config.yml'),
  `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${regDir}/data}}\nhttp: {addr: 127.0.0.1:${port}}\n`,
);
const reg = spawn('docker-registry', ['serve', join(regDir, 'config.yml')], { stdio: 'ignore' });
for (
  let i = 0;
  i < 100 &&
  !(await fetch(`http://127.0.0.1:${port}/v2/`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
)
  await sleep(50);
const push = (repository) => {
  sh('docker', ['tag', tag, `127.0.0.1:${port}/${repository}:v0.0.1`]);
  return time(() => sh('docker', ['push', `127.0.0.1:${port}/${repository}:v0.0.1`]));
};
const pushCold = push('bench/api');
const pushWarm = push('bench/api-again');
const manifest = await (
  await fetch(`http://127.0.0.1:${port}/v2/bench/api/manifests/v0.0.1`, {
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  })
).json();
const compressedBytes = manifest.layers.reduce((sum, layer) => sum + layer.size, manifest.config.size);
const compressedAppBytes = manifest.layers.at(-1).size;
reg.kill('SIGTERM');
sh('docker', ['rmi', `127.0.0.1:${port}/bench/api:v0.0.1`, `127.0.0.1:${port}/bench/api-again:v0.0.1`]);

// 5. docker run → /healthz 200 → Docker "healthy"; docker stop → exit
const starts = [];
for (let i = 0; i < runs; i++) {
  const appPort = 3300 + i;
  const name = `bench-api-${process.pid}-${i}`;
  const t0 = process.hrtime.bigint();
  sh('docker', ['run', '-d', '--name', name, '--network', 'host', '-e', `PORT=${appPort}`, tag]);
  let http;
  while (http === undefined) {
    if (
      await fetch(`http://127.0.0.1:${appPort}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      http = seconds(t0);
    else await sleep(10);
  }
  let healthy;
  while (healthy === undefined) {
    if (sh('docker', ['inspect', '-f', '{{.State.Health.Status}}', name]) === 'healthy') healthy = seconds(t0);
    else await sleep(50);
  }
  const stop = time(() => sh('docker', ['stop', '-t', '5', name]));
  const exitCode = sh('docker', ['inspect', '-f', '{{.State.ExitCode}}', name]);
  sh('docker', ['rm', name]);
  starts.push({ http, healthy, stop, exitCode });
}

sh('docker', ['rmi', ...buildRows.map((_, i) => (i === 0 ? 'bench/api:legacy' : 'bench/api:buildkit'))]);
rmSync(context, { recursive: true, force: true });
rmSync(regDir, { recursive: true, force: true });

console.log(
  `\napi image (runs: ${runs}, medians; engine: overlay2, ${sh('docker', ['version', '-f', '{{.Server.Version}}'])})`,
);
console.log(
  `  base image local/node-base (FROM scratch, node ${baseImage.split(':')[1]})  built in ${s(baseSeconds)}, ${mb(baseBytes)}`,
);
console.log(`  image                     ${mb(imageBytes)} on disk, ${mb(compressedBytes)} compressed in the registry`);
console.log(`  app layer (the bundle)    ${mb(appLayerBytes)} on disk, ${mb(compressedAppBytes)} compressed`);
console.log(
  '\n  builder                          cold (no cache)   warm (no change)   source change   layers rebuilt by the change',
);
for (const row of buildRows) {
  console.log(
    `  ${row.builder.padEnd(32)} ${s(row.cold).padStart(15)}   ${s(row.warm).padStart(16)}   ${s(row.change).padStart(13)}   ${row.changedLayers} of ${row.totalLayers} (the app layer)`,
  );
}
console.log(
  `  nx run api:docker:build (bundle + image, ${buildKit ? 'BuildKit' : 'legacy builder'}, once each): Nx cache off ${s(nxCold)}, api:build from the Nx cache ${s(nxWarm)}`,
);
console.log(`\n  push to an empty registry ${s(pushCold)}; to a registry that has the layers ${s(pushWarm)}`);
console.log(`  docker run → /healthz 200   ${s(median(starts.map((r) => r.http)))}`);
console.log(
  `  docker run → Docker healthy ${s(median(starts.map((r) => r.healthy)))} (HEALTHCHECK --interval=5s: the first check runs 5 s after start)`,
);
console.log(
  `  docker stop → exited        ${s(median(starts.map((r) => r.stop)))}, exit codes ${starts.map((r) => r.exitCode).join(', ')}`,
);
