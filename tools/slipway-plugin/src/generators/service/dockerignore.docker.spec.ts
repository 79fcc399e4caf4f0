import { cpSync, mkdirSync, mkdtempSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describeWithDocker, isCi, runCommand, useContainerEnvironment, WORKSPACE_ROOT } from '@slipway/testing';

// What reaches the daemon when a service's image is built: a probe Dockerfile (COPY . /ctx/) at the
// service's Dockerfile path, in a context laid out like the workspace, with a secret, sources, another
// service's bundle and source maps beside the service's own bundle. BuildKit reads the service's
// Dockerfile.dockerignore; the legacy builder reads only the root .dockerignore. The BuildKit cases run
// the environment's plain `docker`, as `nx run <service>:docker:build` does: container-env.sh makes it
// one that builds with BuildKit (buildx, or its shim for a Docker 20.10 CLI).
const SERVICES = readdirSync(join(WORKSPACE_ROOT, 'apps')).filter((app) =>
  existsSync(join(WORKSPACE_ROOT, 'apps', app, 'Dockerfile.dockerignore')),
);

/** The legacy builder's answers to a BuildKit-only build: a CLI with no buildx, or DOCKER_BUILDKIT=0. */
const LEGACY_BUILDER = /legacy builder is deprecated|unknown flag: --output|buildx component is missing/;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describeWithDocker('the build context each service image sees', () => {
  let env: NodeJS.ProcessEnv;
  let context: string;
  let stop: () => Promise<void>;
  const write = (path: string, text = path) => {
    mkdirSync(dirname(join(context, path)), { recursive: true });
    writeFileSync(join(context, path), text);
  };

  beforeAll(async () => {
    const environment = await useContainerEnvironment();
    env = environment.env;
    stop = () => environment.stop();
    context = mkdtempSync(join(tmpdir(), 'slipway-context-'));
    cpSync(join(WORKSPACE_ROOT, '.dockerignore'), join(context, '.dockerignore'));
    write('.env', 'SECRET=1');
    write('node_modules/left-pad/index.js');
    write('dist/apps/someone-else/main.js');
    for (const service of SERVICES) {
      cpSync(
        join(WORKSPACE_ROOT, 'apps', service, 'Dockerfile.dockerignore'),
        join(context, 'apps', service, 'Dockerfile.dockerignore'),
        { recursive: true },
      );
      write(`apps/${service}/src/main.ts`);
      write(`dist/apps/${service}/main.js`);
      write(`dist/apps/${service}/main.js.map`);
    }
  }, 600_000);

  afterAll(async () => {
    if (context) rmSync(context, { recursive: true, force: true });
    await stop?.();
  });

  it.each(SERVICES)('%s, with BuildKit: its own bundle and nothing else', async (service) => {
    write(`apps/${service}/Dockerfile`, 'FROM scratch\nCOPY . /ctx/\n');
    const out = mkdtempSync(join(tmpdir(), 'slipway-context-out-'));
    try {
      const built = await runCommand(
        'docker',
        ['build', '--file', `apps/${service}/Dockerfile`, '--output', `type=local,dest=${out}`, '.'],
        { env, cwd: context, timeoutMs: 120_000 },
      );
      if (built.code !== 0 && !isCi(env) && LEGACY_BUILDER.test(built.stderr)) {
        console.warn(
          'skipping the BuildKit case: container-env.sh found no docker that builds with BuildKit here (see its warning)',
        );
        return;
      }
      expect({ code: built.code, stderr: built.code === 0 ? '' : built.stderr }).toEqual({ code: 0, stderr: '' });
      expect(files(join(out, 'ctx'))).toEqual([`dist/apps/${service}/main.js`]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('with the legacy builder (root .dockerignore only): the bundles, no map, source, secret or module', async () => {
    write('Dockerfile.probe', 'FROM scratch\nCOPY . /ctx/\n');
    const tag = `slipway-context-probe:${process.pid}`;
    const legacy = { ...env, DOCKER_BUILDKIT: '0' };
    expect(
      (
        await runCommand('docker', ['build', '--file', 'Dockerfile.probe', '--tag', tag, '.'], {
          env: legacy,
          cwd: context,
          timeoutMs: 120_000,
        })
      ).code,
    ).toBe(0);
    const created = (await runCommand('docker', ['create', tag, 'true'], { env })).stdout.trim();
    try {
      const listed = await runCommand('sh', ['-c', `docker export ${created} | tar -t`], { env });
      const copied = listed.stdout
        .split('\n')
        .filter((line) => line.startsWith('ctx/') && !line.endsWith('/'))
        .map((line) => line.slice('ctx/'.length))
        .sort();
      expect(copied).toEqual(
        ['dist/apps/someone-else/main.js', ...SERVICES.map((s) => `dist/apps/${s}/main.js`)].sort(),
      );
    } finally {
      await runCommand('docker', ['rm', created], { env });
      await runCommand('docker', ['rmi', tag], { env });
    }
  });
});
