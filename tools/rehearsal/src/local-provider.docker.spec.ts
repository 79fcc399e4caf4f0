import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngineDeps, runDeploy, runRollback, runStatus } from '@slipway/deploy-engine';
import { LABELS, localProviderFactory } from '@slipway/deploy-provider-local';
import {
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
import { publishFixtureRelease } from './test-support/fixture-releases';

// The `local` provider against a real Docker engine and a real registry: deploy, upgrade, a broken
// release put back (exit 3, through bin/slipway.js), rollback, deploy-status. The releases are a small
// fixture app whose HEALTHCHECK runs every second, so a broken one turns unhealthy in seconds.
const SLIPWAY = join(WORKSPACE_ROOT, 'tools/slipway-plugin/bin/slipway.js');
const minutes = (n: number) => n * 60_000;
const commit = (n: number) => `c0ffee${String(n).repeat(34)}`;

describeWithDocker('the local provider with a real Docker engine and registry', () => {
  let environment: ContainerEnvironment;
  let registry: ThrowawayRegistry;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let dir: string;
  const images: string[] = [];
  const run = `it-${process.pid}-${Date.now().toString(36)}`;
  const container = `slipway-${run}`;
  const repository = `rehearsal/${run}`;
  const lines: string[] = [];

  const docker = (...args: string[]) => runCommand('docker', args, { env, timeoutMs: minutes(2) });
  const deps = (): EngineDeps => ({
    app: 'api',
    workspaceRoot: dir,
    providers: [localProviderFactory],
    env,
    log: (line) => lines.push(line),
  });
  const options = (extra: Record<string, unknown> = {}) => ({ config: 'deploy.json', environment: 'local', ...extra });
  const version = async () =>
    ((await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as { version: string }).version;
  const label = async (name: string, key: string) =>
    (await docker('inspect', '--format', `{{index .Config.Labels "${key}"}}`, name)).stdout.trim();

  beforeAll(async () => {
    environment = await useContainerEnvironment();
    registry = await startThrowawayRegistry();
    port = await freePort();
    // Each deploy watches twice per health check of the fixture (every second), not every 3.5 s.
    env = nxChildEnv(environment.env, { SLIPWAY_POLL_INTERVAL: '500ms' });
    dir = mkdtempSync(join(tmpdir(), 'slipway-local-it-'));
    const local = { provider: 'local', registry: registry.address, repository, container, port: String(port) };
    writeFileSync(join(dir, 'deploy.json'), JSON.stringify({ environments: { local } }));
    const target = { registry: registry.address, repository, baseImage: environment.baseImage, env };
    images.push(
      ...(await publishFixtureRelease({ version: 'v1.0.0', commit: commit(1), behaviour: 'healthy' }, target)),
    );
    images.push(
      ...(await publishFixtureRelease({ version: 'v1.1.0', commit: commit(2), behaviour: 'healthy' }, target)),
    );
    images.push(
      ...(await publishFixtureRelease({ version: 'v1.2.0', commit: commit(3), behaviour: 'unhealthy' }, target)),
    );
    images.push(...(await publishFixtureRelease({ version: 'v1.3.0', commit: commit(4), behaviour: 'exit' }, target)));
  }, minutes(8));

  afterAll(async () => {
    if (env) {
      await docker('rm', '--force', container, `${container}-replaced`, `${container}-next`);
      const pinned = (
        await docker(
          'images',
          '--digests',
          '--format',
          '{{.Repository}}@{{.Digest}}',
          `${registry.address}/${repository}`,
        )
      ).stdout
        .split('\n')
        .filter(Boolean);
      await docker('rmi', '--force', ...images, ...pinned);
    }
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await environment?.stop();
  }, minutes(2));

  it(
    'deploys v1.0.0 onto an empty engine: pinned by digest, healthy, /version answers',
    async () => {
      const report = await runDeploy(options({ version: 'v1.0.0' }), deps());
      expect(report).toMatchObject({ outcome: 'DEPLOYED', exitCode: 0, commit: commit(1) });
      expect(await version()).toBe('v1.0.0');
      expect(
        (await docker('inspect', '--format', '{{.Config.Image}} {{.State.Health.Status}}', container)).stdout.trim(),
      ).toBe(`${report.image} healthy`);
      expect(await label(container, LABELS.version)).toBe('v1.0.0');
    },
    minutes(2),
  );

  it(
    'upgrades to v1.1.0: the new container replaces the old one, which stays stopped for its logs',
    async () => {
      const report = await runDeploy(options({ version: 'v1.1.0' }), deps());
      expect(report).toMatchObject({
        outcome: 'DEPLOYED',
        previousRevision: { version: 'v1.0.0' },
        newRevision: { version: 'v1.1.0' },
      });
      expect(await version()).toBe('v1.1.0');
      expect(await label(container, LABELS.previous)).toBe(report.previousRevision?.image);
      expect(
        (
          await docker('inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', `${container}-replaced`)
        ).stdout.trim(),
      ).toBe('exited 0');
      expect(await label(`${container}-replaced`, LABELS.version)).toBe('v1.0.0');
    },
    minutes(2),
  );

  it(
    'puts v1.1.0 back when v1.2.0 never becomes healthy, and bin/slipway.js exits 3',
    async () => {
      const result = await runCommand(
        process.execPath,
        [
          SLIPWAY,
          'deploy',
          'api',
          '--',
          '--version',
          'v1.2.0',
          '--environment',
          'local',
          '--registry',
          registry.address,
          '--repository',
          repository,
          '--container',
          container,
          '--port',
          String(port),
          '--json',
        ],
        { env, cwd: WORKSPACE_ROOT, timeoutMs: minutes(3) },
      );
      const report = JSON.parse(result.stdout);
      expect({ code: result.code, outcome: report.outcome }).toEqual({ code: 3, outcome: 'ROLLED_BACK' });
      expect(report.message).toMatch(/the container turned unhealthy after \d+ failed health check\(s\): exit 1/);
      expect(report.rollback).toMatchObject({ status: 'COMPLETED', revision: { version: 'v1.1.0' } });
      expect(await version()).toBe('v1.1.0');
      expect(await label(`${container}-replaced`, LABELS.version)).toBe('v1.2.0');
    },
    minutes(3),
  );

  it(
    'fails fast when v1.3.0 exits at start, and puts v1.1.0 back',
    async () => {
      const started = Date.now();
      const report = await runDeploy(options({ version: 'v1.3.0' }), deps());
      expect(report).toMatchObject({
        outcome: 'ROLLED_BACK',
        exitCode: 3,
        stoppedTasks: [expect.objectContaining({ category: 'essential-exit' })],
      });
      expect(report.message).toMatch(/exited \(exit code 3\)|Docker restarted it/);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await version()).toBe('v1.1.0');
    },
    minutes(2),
  );

  it(
    'rolls back to the version deployed before (v1.0.0)',
    async () => {
      const report = await runRollback(options(), deps());
      expect(report).toMatchObject({
        command: 'rollback',
        outcome: 'DEPLOYED',
        version: 'v1.0.0',
        previousRevision: { version: 'v1.1.0' },
      });
      expect(await version()).toBe('v1.0.0');
    },
    minutes(2),
  );

  it(
    'reports what runs in deploy-status',
    async () => {
      const status = await runStatus(options(), deps());
      expect(status).toMatchObject({ outcome: 'REPORTED', exitCode: 0 });
      expect(status.environments[0]).toMatchObject({
        environment: 'local',
        provider: 'local',
        version: 'v1.0.0',
        commit: commit(1),
        rolloutState: 'COMPLETED',
        running: 1,
        desired: 1,
      });
    },
    minutes(1),
  );
});
