import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExports } from './docker-gate';
import { runCommand } from './run-command';
import { CONTAINER_ENV_SCRIPT } from './workspace';

// `container-env.sh buildkit` (the first thing `start` does) on machines made of fake docker CLIs: each
// prints its version, answers `buildx version` or not, and echoes what it was asked to run with
// DOCKER_BUILDKIT. PATH holds only them and the few tools the script needs, so no real docker interferes.
const TOOLS = ['dirname', 'sed', 'mkdir', 'flock', 'rm', 'cat', 'chmod', 'mv'];
const which = (name: string) => execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();

describe('container-env.sh gives builds a docker that uses BuildKit', () => {
  let root: string;
  let state: string;
  let tools: string;
  const bash = which('bash');

  /** A directory holding a fake `docker` of this version, with or without the buildx plugin. */
  function fakeDocker(name: string, version: string, buildx: boolean): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'docker'),
      [
        '#!/bin/sh',
        'case "$1" in',
        `  --version) echo "Docker version ${version}, build 0000000" ;;`,
        buildx
          ? '  buildx) echo "github.com/docker/buildx v0.30.1" ;;'
          : '  buildx) echo "unknown command: docker buildx" >&2; exit 1 ;;',
        `  *) echo "${name} DOCKER_BUILDKIT=\${DOCKER_BUILDKIT-unset} $*" ;;`,
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(dir, 'docker'), 0o755);
    return dir;
  }

  async function buildkit(path: string[], env: NodeJS.ProcessEnv = {}) {
    const result = await runCommand(bash, [CONTAINER_ENV_SCRIPT, 'buildkit'], {
      env: { PATH: [...path, tools].join(':'), SLIPWAY_CONTAINER_DIR: state, ...env },
    });
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    return { exports: parseExports(result.stdout), said: result.stderr };
  }

  /** What `docker build .` runs through the PATH the export lines give (or the plain one). */
  async function dockerBuild(path: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
    return (await runCommand('docker', ['build', '.'], { env: { PATH: path, ...env } })).stdout.trim();
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'container-env-buildkit-'));
    state = join(root, 'state');
    tools = join(root, 'tools');
    mkdirSync(tools);
    for (const tool of TOOLS) symlinkSync(which(tool), join(tools, tool));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('first docker without buildx, a Docker 20.10 CLI later on PATH: a shim first on PATH runs that one with BuildKit', async () => {
    const docker28 = fakeDocker('docker28', '28.2.2', false);
    const debian = fakeDocker('debian', '20.10.24+dfsg1', false);
    const { exports, said } = await buildkit([docker28, debian]);
    expect(exports['PATH']).toBe([join(state, 'bin'), docker28, debian, tools].join(':'));
    expect(said).toContain(
      `${docker28}/docker has no buildx, so ${state}/bin/docker runs ${debian}/docker with DOCKER_BUILDKIT=1`,
    );
    expect(await dockerBuild(exports['PATH'])).toBe('debian DOCKER_BUILDKIT=1 build .');
    // A caller that asks for the legacy builder on purpose still gets it.
    expect(await dockerBuild(exports['PATH'], { DOCKER_BUILDKIT: '0' })).toBe('debian DOCKER_BUILDKIT=0 build .');
  });

  it('a first docker that is itself a 20.10 CLI gets BuildKit switched on', async () => {
    const debian = fakeDocker('debian', '20.10.24+dfsg1', false);
    const { exports } = await buildkit([debian]);
    expect(await dockerBuild(exports['PATH'])).toBe('debian DOCKER_BUILDKIT=1 build .');
  });

  it('started again from a shell that already has the shim: one PATH entry for it, not two', async () => {
    const docker28 = fakeDocker('docker28', '28.2.2', false);
    const debian = fakeDocker('debian', '20.10.24+dfsg1', false);
    const first = await buildkit([docker28, debian]);
    const again = await buildkit([join(state, 'bin'), docker28, debian]);
    expect(again.exports['PATH']).toBe(first.exports['PATH']);
    expect(await dockerBuild(again.exports['PATH'])).toBe('debian DOCKER_BUILDKIT=1 build .');
  });

  it('first docker with buildx (GitHub runners, Docker Desktop): no shim, PATH untouched, a stale shim removed', async () => {
    const docker28 = fakeDocker('docker28', '28.2.2', false);
    const debian = fakeDocker('debian', '20.10.24+dfsg1', false);
    await buildkit([docker28, debian]);
    const withBuildx = fakeDocker('buildx', '28.2.2', true);
    const { exports, said } = await buildkit([withBuildx, debian]);
    expect(exports['PATH']).toBeUndefined();
    expect(existsSync(join(state, 'bin/docker'))).toBe(false);
    expect(said).toContain(`builds use BuildKit (${withBuildx}/docker has buildx)`);
    expect(Object.keys(exports).sort()).toEqual(['DOCKER_HOST', 'SLIPWAY_BASE_IMAGE', 'SLIPWAY_TEST_REGISTRY']);
  });

  it('no docker can build with BuildKit: a warning that names the fallback, and PATH untouched', async () => {
    const docker28 = fakeDocker('docker28', '28.2.2', false);
    const { exports, said } = await buildkit([docker28]);
    expect(exports['PATH']).toBeUndefined();
    expect(said).toContain('builds use the legacy builder, which reads only the root .dockerignore');
    expect(await dockerBuild([docker28, tools].join(':'))).toBe('docker28 DOCKER_BUILDKIT=unset build .');
  });
});
