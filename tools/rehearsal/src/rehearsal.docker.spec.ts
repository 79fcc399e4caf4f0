import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  type CommandResult,
  type ContainerEnvironment,
  describeWithDocker,
  freePort,
  nxChildEnv,
  runCommand,
  startThrowawayRegistry,
  type ThrowawayRegistry,
  useContainerEnvironment,
  WORKSPACE_ROOT,
} from '@slipway/testing';
import { isReleaseVersion } from '@slipway/versioning';

// A service added with the generator, then `npm run rehearse` for every service, end to end, in a
// throwaway clone of this repository: the new service lints, tests, builds and typechecks and the
// workflows take it without an edit; the first rehearsal releases and deploys every service, each on
// its own port; a feat(api) commit releases the next version, which the untouched services get too,
// built at that commit; one service rolls back on its own; deploy-status answers for all of them.
// The real images, engine, a throwaway registry, free ports, isolated containers. `--base HEAD` keeps
// the first run's checks step to the real command with nothing affected (the workspace's own tests
// already ran, or this would run them again, including itself), and the second run skips it; the full
// rehearsal is measured by hand (docs/runbooks/rehearse.md).
const minutes = (n: number) => n * 60_000;
const WHO = ['-c', 'user.name=Slipway Rehearsal', '-c', 'user.email=rehearsal@slipway.invalid'];
const NEW_SERVICE = 'jobs';

describeWithDocker('a service added with the generator, and every service rehearsed, in a clone', () => {
  let environment: ContainerEnvironment;
  let registry: ThrowawayRegistry;
  let env: NodeJS.ProcessEnv;
  let clone: string;
  const run = `e2e-${process.pid}-${Date.now().toString(36)}`;
  const heads: string[] = [];
  const versions: string[] = [];
  /** Each service's local environment in the clone, as the isolation commit (and the generator) wrote it. */
  const local = () =>
    Object.fromEntries(
      readdirSync(join(clone, 'apps')).map((app) => [
        app,
        JSON.parse(readFileSync(join(clone, 'apps', app, 'deploy.json'), 'utf8')).environments.local as {
          container: string;
          repository: string;
          port: string;
        },
      ]),
    );

  const inClone = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCommand(command, args, { env: { ...env, ...extra }, cwd: clone, timeoutMs: minutes(8) });
  const git = async (...args: string[]) => ok(await inClone('git', [...WHO, ...args])).trim();
  const nx = (...args: string[]) => inClone(process.execPath, [require.resolve('nx/bin/nx'), ...args]);
  const rehearse = (...args: string[]) =>
    inClone(process.execPath, [
      'tools/rehearsal/bin/rehearse.cjs',
      '--base',
      'HEAD',
      '--registry',
      registry.address,
      ...args,
    ]);
  const served = async (app: string) =>
    (await (await fetch(`http://127.0.0.1:${local()[app].port}/version`)).json()) as {
      version: string;
      commit: string;
    };
  const tags = async (app: string) =>
    (
      (await (await fetch(`http://${registry.address}/v2/${local()[app].repository}/tags/list`)).json()) as {
        tags: string[];
      }
    ).tags.sort();
  const docker = (...args: string[]) => runCommand('docker', args, { env, timeoutMs: minutes(2) });
  const ok = (result: CommandResult) => {
    if (result.code !== 0)
      throw new Error(`exit ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`);
    return result.stdout;
  };

  beforeAll(async () => {
    environment = await useContainerEnvironment();
    registry = await startThrowawayRegistry();
    // The engine's test hook: each deploy watches every second, not every 3.5 s. The services' health
    // checks run every 5 s, so a closer watch only adds `docker inspect` processes (four a second).
    env = { ...nxChildEnv(environment.env), SLIPWAY_POLL_INTERVAL: '1s' };
    clone = join(mkdtempSync(join(tmpdir(), 'slipway-rehearsal-e2e-')), 'repo');
    ok(await runCommand('git', ['clone', '--quiet', WORKSPACE_ROOT, clone], { env, timeoutMs: minutes(2) }));
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'));
    // .gitignore ignores the node_modules directory; the symlink is a file.
    appendFileSync(join(clone, '.git/info/exclude'), 'node_modules\n');
    // Isolation from whatever else runs on this engine: the services' own containers, repositories and
    // free ports, committed, as a team's own deploy.json would hold them. The generator copies them.
    for (const app of readdirSync(join(clone, 'apps'))) {
      const path = join(clone, 'apps', app, 'deploy.json');
      const config = JSON.parse(readFileSync(path, 'utf8'));
      Object.assign(config.environments.local, {
        registry: registry.address,
        repository: `${run}/${app}`,
        container: `slipway-${run}-${app}`,
        port: String(await freePort()),
      });
      writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
    }
    await git('commit', '--quiet', '--all', '--message', 'chore: rehearse in containers of its own');
  }, minutes(5));

  afterAll(async () => {
    if (env && clone) {
      const services = Object.values(local());
      await docker(
        'rm',
        '--force',
        ...services.flatMap(({ container }) => [container, `${container}-replaced`, `${container}-next`]),
      );
      const built = readdirSync(join(clone, 'apps')).flatMap((app) =>
        heads.map((head) => `slipway-rehearsal/${app}:${head.slice(0, 12)}`),
      );
      // publish-image tags the build as <registry>/<repository>:<tag> to push it; the deploy pulls by digest.
      const listed = async (format: string, repository: string) =>
        (await docker('images', '--digests', '--format', format, `${registry.address}/${repository}`)).stdout
          .split('\n')
          .filter((line) => line && !line.endsWith('<none>'));
      const pushed: string[] = [];
      for (const { repository } of services)
        pushed.push(
          ...(await listed('{{.Repository}}:{{.Tag}}', repository)),
          ...(await listed('{{.Repository}}@{{.Digest}}', repository)),
        );
      await docker('rmi', '--force', ...built, ...pushed);
    }
    await registry?.stop();
    if (clone) rmSync(join(clone, '..'), { recursive: true, force: true });
    await environment?.stop();
  }, minutes(2));

  it(
    `nx g @slipway/nx-plugin:service ${NEW_SERVICE}: it lints, tests, builds and typechecks, and the workflows take it unedited`,
    async () => {
      ok(await nx('g', '@slipway/nx-plugin:service', NEW_SERVICE, '--no-interactive'));
      await git('add', '--all');
      await git('commit', '--quiet', '--message', `feat(${NEW_SERVICE}): add the ${NEW_SERVICE} service`);
      ok(await nx('run-many', '-t', 'lint', 'test', 'build', 'typecheck', '-p', NEW_SERVICE));
      ok(
        await inClone(process.execPath, [
          require.resolve('prettier/bin/prettier.cjs'),
          '--check',
          `apps/${NEW_SERVICE}`,
          `deploy/kubernetes/${NEW_SERVICE}`,
          '.github',
        ]),
      );
      const lint = ok(await inClone('npm', ['run', '--silent', 'lint:workflows']));
      expect(lint).toContain('0 findings');
      expect(readFileSync(join(clone, '.github/workflows/deploy.yml'), 'utf8')).toContain(
        `options: [all, api, ${NEW_SERVICE}, status]`,
      );
      expect(JSON.parse(ok(await nx('show', 'projects', '--withTarget', 'deploy', '--json'))).sort()).toEqual([
        'api',
        NEW_SERVICE,
        'status',
      ]);
    },
    minutes(8),
  );

  it(
    'first run: releases the next version of every service, each on its own port, /version naming it and the commit',
    async () => {
      heads.push(await git('rev-parse', 'HEAD'));
      const output = ok(await rehearse());
      const deployed =
        /local runs (v\d+\.\d+\.\d+) of every service \((?:the release this commit makes|released at this commit)\)/.exec(
          output,
        )?.[1];
      expect(deployed && isReleaseVersion(deployed)).toBe(true);
      versions.push(deployed!);
      for (const app of ['api', NEW_SERVICE, 'status']) {
        expect(await served(app)).toMatchObject({ version: deployed, commit: heads[0] });
        expect(await tags(app)).toEqual([deployed, `sha-${heads[0]}`].sort());
      }
      expect(new Set(Object.values(local()).map(({ port }) => port)).size).toBe(3);
    },
    minutes(8),
  );

  it(
    'a release that touched only the api still gives every other service its vX.Y.Z, built at the release commit',
    async () => {
      appendFileSync(join(clone, 'apps/api/src/main.ts'), '// a change rehearsed end to end\n');
      await git('commit', '--quiet', '--all', '--message', 'feat(api): a change to rehearse');
      heads.push(await git('rev-parse', 'HEAD'));
      const output = ok(await rehearse('--skip-checks'));
      const [major, minor] = versions[0].slice(1).split('.').map(Number);
      const next = `v${major}.${minor + 1}.0`;
      versions.push(next);
      for (const app of ['api', NEW_SERVICE, 'status']) {
        expect(output).toContain(`${versions[0]} → ${next} (upgrade) in container ${local()[app].container}`);
        expect(await served(app)).toMatchObject({ version: next, commit: heads[1] });
        expect(await tags(app)).toEqual([versions[0], next, `sha-${heads[0]}`, `sha-${heads[1]}`].sort());
      }
    },
    minutes(8),
  );

  it(
    'one service rolls back on its own; deploy-status answers for every service at once',
    async () => {
      const rollback = ok(
        await inClone(process.execPath, [
          'tools/slipway-plugin/bin/slipway.js',
          'rollback',
          'status',
          '--',
          '--environment',
          'local',
        ]),
      );
      expect(rollback.trim().split('\n').pop()).toBe('outcome: DEPLOYED (exit 0)');
      expect(await served('status')).toMatchObject({ version: versions[0], commit: heads[0] });
      expect(await served('api')).toMatchObject({ version: versions[1], commit: heads[1] });
      expect(await served(NEW_SERVICE)).toMatchObject({ version: versions[1], commit: heads[1] });

      // Without colours: under an outer Nx run, FORCE_COLOR puts escape codes inside "nx run <project>".
      const status = stripVTControlCharacters(
        ok(await nx('run-many', '-t', 'deploy-status', '--output-style=static', '--', '--environment', 'local')),
      );
      for (const [app, version] of [
        ['api', versions[1]],
        [NEW_SERVICE, versions[1]],
        ['status', versions[0]],
      ]) {
        const table = status.slice(status.indexOf(`nx run ${app}:deploy-status`));
        expect(table).toMatch(new RegExp(`\\nlocal +${version.replace(/\./g, '\\.')} `));
      }
    },
    minutes(4),
  );

  it(
    'stops at once, saying how to get one, when the Docker engine cannot be reached',
    async () => {
      const started = Date.now();
      const result = await inClone(process.execPath, ['tools/rehearsal/bin/rehearse.cjs'], {
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
