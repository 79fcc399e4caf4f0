import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandResult,
  type ContainerEnvironment,
  describeWithDocker,
  freePort,
  runCommand,
  startThrowawayRegistry,
  type ThrowawayRegistry,
  useContainerEnvironment,
  WORKSPACE_ROOT,
} from '@slipway/testing';
import { isReleaseVersion } from '@slipway/versioning';

// `npm run rehearse` end to end, in a throwaway clone of this repository: the first run releases and
// deploys the api, a new feat commit makes the second run an upgrade, `rollback` returns to the first
// version. The real api image, the real engine, a throwaway registry, a free port, an isolated
// container. `--base HEAD` keeps the checks step to the real command with nothing affected (the
// workspace's own tests already ran, or this would run them again, including itself); the full
// rehearsal is measured by hand (docs/runbooks/rehearse.md).
const minutes = (n: number) => n * 60_000;
const WHO = ['-c', 'user.name=Slipway Rehearsal', '-c', 'user.email=rehearsal@slipway.invalid'];

describeWithDocker('npm run rehearse in a clone: release, upgrade, rollback', () => {
  let environment: ContainerEnvironment;
  let registry: ThrowawayRegistry;
  let env: NodeJS.ProcessEnv;
  let clone: string;
  let port: number;
  const heads: string[] = [];
  const versions: string[] = [];
  const run = `e2e-${process.pid}-${Date.now().toString(36)}`;
  const container = `slipway-rehearsal-${run}`;
  const repository = `rehearsal/${run}`;
  const flags = () => [
    '--registry',
    registry.address,
    '--repository',
    repository,
    '--container',
    container,
    '--port',
    String(port),
  ];

  const inClone = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCommand(command, args, { env: { ...env, ...extra }, cwd: clone, timeoutMs: minutes(8) });
  const git = async (...args: string[]) => (await inClone('git', [...WHO, ...args])).stdout.trim();
  const rehearse = (...args: string[]) =>
    inClone(process.execPath, ['tools/rehearsal/bin/rehearse.cjs', '--base', 'HEAD', ...flags(), ...args]);
  const served = async () =>
    (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as { version: string; commit: string };
  const docker = (...args: string[]) => runCommand('docker', args, { env, timeoutMs: minutes(2) });
  const ok = (result: CommandResult) => {
    if (result.code !== 0)
      throw new Error(`exit ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`);
    return result.stdout;
  };

  beforeAll(async () => {
    environment = await useContainerEnvironment();
    registry = await startThrowawayRegistry();
    port = await freePort();
    env = {
      ...Object.fromEntries(
        Object.entries(environment.env).filter(([key]) => !key.startsWith('NX_TASK') && key !== 'NX_CLI_SET'),
      ),
      NX_DAEMON: 'false',
      // The engine's test hook, as in local-provider.docker.spec: each deploy watches every 0.25 s, not 3.5 s.
      SLIPWAY_POLL_INTERVAL: '250ms',
    };
    clone = join(mkdtempSync(join(tmpdir(), 'slipway-rehearsal-e2e-')), 'repo');
    ok(await runCommand('git', ['clone', '--quiet', WORKSPACE_ROOT, clone], { env, timeoutMs: minutes(2) }));
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'));
    // .gitignore ignores the node_modules directory; the symlink is a file.
    appendFileSync(join(clone, '.git/info/exclude'), 'node_modules\n');
  }, minutes(5));

  afterAll(async () => {
    if (env) {
      await docker('rm', '--force', container, `${container}-replaced`, `${container}-next`);
      const built = heads.map((head) => `slipway-rehearsal/api:${head.slice(0, 12)}`);
      // publish-image tags the build as <registry>/<repository>:<tag> to push it; the deploy pulls by digest.
      const listed = async (format: string) =>
        (await docker('images', '--digests', '--format', format, `${registry.address}/${repository}`)).stdout
          .split('\n')
          .filter((line) => line && !line.endsWith('<none>'));
      await docker(
        'rmi',
        '--force',
        ...built,
        ...(await listed('{{.Repository}}:{{.Tag}}')),
        ...(await listed('{{.Repository}}@{{.Digest}}')),
      );
    }
    await registry?.stop();
    if (clone) rmSync(join(clone, '..'), { recursive: true, force: true });
    await environment?.stop();
  }, minutes(2));

  it(
    'first run: releases the next version, publishes it with its sha- tag, deploys it, /version answers it',
    async () => {
      heads.push(await git('rev-parse', 'HEAD'));
      const output = ok(await rehearse());
      const deployed =
        /local runs (v\d+\.\d+\.\d+) on http:\/\/127\.0\.0\.1:\d+ \((?:the release this commit makes|released at this commit)\)/.exec(
          output,
        )?.[1];
      expect(deployed && isReleaseVersion(deployed)).toBe(true);
      versions.push(deployed!);
      expect(output).toMatch(/✔ publish .*sha-[0-9a-f]{40} \(pushed\), v\d+\.\d+\.\d+ \(copied\)/);
      expect(output).toMatch(/✔ deploy .* → v\d+\.\d+\.\d+ \((first deploy|upgrade)\)/);
      expect(await served()).toMatchObject({ version: deployed, commit: heads[0] });
      const tags = (await (await fetch(`http://${registry.address}/v2/${repository}/tags/list`)).json()) as {
        tags: string[];
      };
      expect(tags.tags.sort()).toEqual([deployed, `sha-${heads[0]}`].sort());
    },
    minutes(8),
  );

  it(
    'second run after a feat commit: an upgrade to the next minor version',
    async () => {
      appendFileSync(join(clone, 'apps/api/src/main.ts'), '// a change rehearsed end to end\n');
      await git('commit', '--quiet', '--all', '--message', 'feat(api): a change to rehearse');
      heads.push(await git('rev-parse', 'HEAD'));
      const output = ok(await rehearse());
      const [major, minor] = versions[0].slice(1).split('.').map(Number);
      const next = `v${major}.${minor + 1}.0`;
      versions.push(next);
      expect(output).toContain(`${versions[0]} → ${next} (upgrade) in container ${container}`);
      expect(output).toContain(`release history includes the rehearsed release(s) ${versions[0]}`);
      expect(await served()).toMatchObject({ version: next, commit: heads[1] });
      expect((await docker('inspect', '--format', '{{.State.Status}}', `${container}-replaced`)).stdout.trim()).toBe(
        'exited',
      );
    },
    minutes(8),
  );

  it(
    'rollback returns to the first version',
    async () => {
      const result = await inClone(process.execPath, [
        'tools/slipway-plugin/bin/slipway.js',
        'rollback',
        'api',
        '--',
        '--environment',
        'local',
        ...flags(),
      ]);
      expect({ code: result.code, tail: result.stdout.trim().split('\n').pop() }).toEqual({
        code: 0,
        tail: 'outcome: DEPLOYED (exit 0)',
      });
      expect(await served()).toMatchObject({ version: versions[0], commit: heads[0] });
    },
    minutes(3),
  );

  it(
    'a re-run of the same commit builds nothing and deploys its release again',
    async () => {
      const output = ok(await rehearse());
      expect(output).toMatch(/built once: sha-[0-9a-f]{40} is already in the registry/);
      expect(output).toContain(`${versions[0]} → ${versions[1]} (upgrade)`);
      expect(await served()).toMatchObject({ version: versions[1] });
    },
    minutes(5),
  );

  it(
    'stops at once, saying how to get one, when the Docker engine cannot be reached',
    async () => {
      const started = Date.now();
      const result = await inClone(process.execPath, ['tools/rehearsal/bin/rehearse.cjs', ...flags()], {
        SLIPWAY_DOCKER_HOST: 'unix:///nonexistent/docker.sock',
        DOCKER_HOST: '',
      });
      expect(result.code).toBe(3);
      expect(result.stdout).toContain('no Docker engine: tools/ci/container-env.sh start failed');
      expect(result.stdout).toContain('sudo tools/ci/container-env.sh start');
      expect(result.stdout).not.toContain('▶ checks');
      expect(Date.now() - started).toBeLessThan(30_000);
    },
    minutes(1),
  );
});
