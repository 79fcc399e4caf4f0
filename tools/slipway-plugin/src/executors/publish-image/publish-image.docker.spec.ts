import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryClient } from '@slipway/image-registry';
import { commitFromTags } from '@slipway/versioning';
import {
  describeWithDocker,
  freePort,
  nxChildEnv,
  runCommand,
  runNx,
  useContainerEnvironment,
  waitFor,
  WORKSPACE_ROOT,
  type CommandResult,
  type ContainerEnvironment,
} from '@slipway/testing';

// The whole path with a real Docker engine and a real registry on 127.0.0.1 (tools/ci/container-env.sh):
// build with nx → publish sha-<commit> + v1.2.0 → run by version → stop → re-publish (no-op) →
// other bytes under v1.2.0 (refused) → latest (refused) → a version added to an existing sha- image.
// Containers use the host network (this machine kind has no bridge), so the app gets a free PORT, not -p.
const CLI = join(__dirname, 'cli.cjs');
const API_BUNDLE = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
const shaTag = (commit: string) => `sha-${commit}`;
const COMMIT_2 = 'c0ffee0000000000000000000000000000000002';
const COMMIT_3 = 'c0ffee0000000000000000000000000000000003';
const minutes = (n: number) => n * 60_000;

describeWithDocker('publish-image with a real Docker engine and registry', () => {
  let environment: ContainerEnvironment;
  let env: NodeJS.ProcessEnv;
  let client: RegistryClient;
  let commit: string;
  let container: string | undefined;
  const run = `e2e-${process.pid}-${Date.now().toString(36)}`;
  const repository = `e2e/api-${run}`;
  const localImages = [`${run}:one`, `${run}:two`, `${run}:three`];
  const image = () => `${environment.registry}/${repository}`;

  const docker = (...args: string[]) => runCommand('docker', args, { env, cwd: WORKSPACE_ROOT, timeoutMs: minutes(5) });
  const publish = async (...args: string[]) => {
    const result = await runCommand(
      process.execPath,
      [CLI, '--registry', environment.registry, '--repository', repository, '--json', ...args],
      {
        env,
        cwd: WORKSPACE_ROOT,
        timeoutMs: minutes(5),
      },
    );
    return { ...result, report: JSON.parse(result.stdout || '{}') };
  };
  const buildArgs = (version: string, builtFor: string) => [
    '--build-arg',
    `BASE_IMAGE=${environment.baseImage}`,
    '--build-arg',
    `APP_VERSION=${version}`,
    '--build-arg',
    `APP_COMMIT=${builtFor}`,
    '--build-arg',
    `APP_BUILT_AT=${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
  ];
  const expectOk = (result: CommandResult) =>
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });

  beforeAll(async () => {
    environment = await useContainerEnvironment();
    // Nested Nx must not think it is one of the outer run's tasks.
    env = nxChildEnv(environment.env);
    client = new RegistryClient({ registry: environment.registry, repository });
    commit = (await runCommand('git', ['rev-parse', 'HEAD'], { cwd: WORKSPACE_ROOT })).stdout.trim();
    // The real build path: nx bundles the app (api:build, which this project's test target depends on),
    // then docker:build as configured in nx.json. Bundling again here would rewrite dist/apps/api while
    // api:test, which may run at the same time, copies it.
    if (!existsSync(API_BUNDLE))
      throw new Error(`${API_BUNDLE} is missing: this test target depends on api:build; run \`npx nx build api\``);
    const built = await runNx(
      ['run', 'api:docker:build', '--exclude-task-dependencies', '--', '--tag', localImages[0]],
      {
        env: { ...env, BASE_IMAGE: environment.baseImage, APP_VERSION: 'v1.2.0', APP_COMMIT: commit },
        cwd: WORKSPACE_ROOT,
        timeoutMs: minutes(8),
      },
    );
    if (built.code !== 0) throw new Error(`nx run api:docker:build failed:\n${built.stdout}\n${built.stderr}`);
  }, minutes(10));

  afterAll(async () => {
    if (container) await docker('rm', '-f', container);
    if (env) {
      const published = (await docker('images', '--format', '{{.Repository}}:{{.Tag}}', image())).stdout
        .split('\n')
        .filter(Boolean);
      await docker('rmi', '-f', ...localImages, ...published);
    }
    await environment?.stop();
  }, minutes(2));

  it(
    'publishes sha-<commit> and v1.2.0 as one digest',
    async () => {
      const result = await publish('--image', localImages[0], '--commit', commit, '--version', 'v1.2.0');
      expectOk(result);
      const tag = shaTag(commit);
      expect(tag).toMatch(/^sha-[0-9a-f]{40}$/);
      expect(result.report).toMatchObject({ tags: [tag, 'v1.2.0'], outcomes: { [tag]: 'pushed', 'v1.2.0': 'copied' } });
      expect((await client.listTags()).sort()).toEqual([tag, 'v1.2.0'].sort());
      expect(await client.resolveTag(tag)).toBe(result.report.digest);
      // What deploys read back: the commit, from the tags on the digest and from the image's label.
      expect(commitFromTags(await client.listTags())).toBe(commit);
      expect((await client.readLabels(result.report.digest))['org.opencontainers.image.revision']).toBe(commit);
      expect(await client.resolveTag('v1.2.0')).toBe(result.report.digest);
    },
    minutes(5),
  );

  it(
    'runs by version tag: healthy, /version tells what runs, non-root, stops with exit 0 within 5 s',
    async () => {
      expectOk(await docker('pull', '-q', `${image()}:v1.2.0`));
      const port = await freePort();
      container = `${run}-app`;
      expectOk(
        await docker('run', '-d', '--name', container, '--network', 'host', '-e', `PORT=${port}`, `${image()}:v1.2.0`),
      );

      const health = await waitFor(
        `GET /healthz on :${port}`,
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          return response.status === 200 ? response.status : undefined;
        },
        { timeoutMs: 30_000 },
      );
      expect(health).toBe(200);
      const version = (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as Record<string, string>;
      expect(version).toMatchObject({ version: 'v1.2.0', commit });

      // The image's own exec-form HEALTHCHECK (node, no shell or curl) turns the container healthy.
      const status = await waitFor(
        'docker health status "healthy"',
        async () => {
          const inspected = (await docker('inspect', '-f', '{{.State.Health.Status}}', container!)).stdout.trim();
          return inspected === 'healthy' ? inspected : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(status).toBe('healthy');
      expect((await docker('inspect', '-f', '{{.Config.User}}', container)).stdout.trim()).toBe('1000:1000');

      // -t 5: docker would SIGKILL after 5 s and report 137; 0 means node got SIGTERM and shut down in time.
      expectOk(await docker('stop', '-t', '5', container));
      expect((await docker('inspect', '-f', '{{.State.ExitCode}}', container)).stdout.trim()).toBe('0');
    },
    minutes(3),
  );

  it(
    'is a no-op when published again',
    async () => {
      const result = await publish('--image', localImages[0], '--commit', commit, '--version', 'v1.2.0');
      expectOk(result);
      expect(result.report).toMatchObject({
        changed: false,
        outcomes: { [shaTag(commit)]: 'unchanged', 'v1.2.0': 'unchanged' },
      });
      expect(result.stderr).toContain('already');
    },
    minutes(2),
  );

  it(
    'refuses different bytes under the same version (exit 3) and leaves the registry unchanged',
    async () => {
      const before = { tags: (await client.listTags()).sort(), v120: await client.resolveTag('v1.2.0') };
      expectOk(
        await docker(
          'build',
          '-q',
          '--file',
          'apps/api/Dockerfile',
          '--tag',
          localImages[1],
          ...buildArgs('v1.2.0', COMMIT_2),
          '.',
        ),
      );
      const result = await publish('--image', localImages[1], '--commit', COMMIT_2, '--version', 'v1.2.0');
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(
        /refused, immutable tag \(exit 3\): refusing to move .*:v1\.2\.0: it already names sha256:/,
      );
      expect({ tags: (await client.listTags()).sort(), v120: await client.resolveTag('v1.2.0') }).toEqual(before);
    },
    minutes(3),
  );

  it(
    'refuses a short commit (exit 2) before pushing anything, naming the fix',
    async () => {
      const before = (await client.listTags()).sort();
      const result = await publish('--image', localImages[0], '--commit', commit.slice(0, 7), '--version', 'v1.2.0');
      expect(result.code).toBe(2);
      expect(result.report.error.message).toContain(`commit SHA "${commit.slice(0, 7)}" has 7 characters`);
      expect(result.report.error.message).toContain('pass --commit "$(git rev-parse HEAD)"');
      expect((await client.listTags()).sort()).toEqual(before);
    },
    minutes(2),
  );

  it(
    'refuses latest (exit 2) before pushing anything',
    async () => {
      const before = (await client.listTags()).sort();
      const result = await publish('--image', localImages[0], '--commit', commit, '--version', 'latest');
      expect(result.code).toBe(2);
      expect(result.report.error.message).toContain('"latest" is a moving tag');
      expect((await client.listTags()).sort()).toEqual(before);
    },
    minutes(2),
  );

  it(
    'adds a version to an existing sha- image without a rebuild: same digest, registry-side copy',
    async () => {
      expectOk(
        await docker(
          'build',
          '-q',
          '--file',
          'apps/api/Dockerfile',
          '--tag',
          localImages[2],
          ...buildArgs('v1.3.0', COMMIT_3),
          '.',
        ),
      );
      const built = await publish('--image', localImages[2], '--commit', COMMIT_3);
      expectOk(built);
      expectOk(await docker('rmi', localImages[2])); // nothing local left to push: the registry copy is all there is
      const promoted = await publish('--promote', '--commit', COMMIT_3, '--version', 'v1.3.0');
      expectOk(promoted);
      expect(promoted.report).toMatchObject({
        digest: built.report.digest,
        outcomes: { [shaTag(COMMIT_3)]: 'unchanged', 'v1.3.0': 'copied' },
      });
      expect(await client.resolveTag('v1.3.0')).toBe(built.report.digest);
    },
    minutes(3),
  );

  it(
    'reports the refusal through nx run (which exits 1, as Nx collapses failures)',
    async () => {
      const result = await runNx(
        ['run', 'api:publish-image', '--', '--repository', repository, '--version', 'latest'],
        {
          env: { ...env, IMAGE_REGISTRY: environment.registry },
          cwd: WORKSPACE_ROOT,
          timeoutMs: minutes(3),
        },
      );
      expect(result.code).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toContain(
        'publish-image: invalid input (exit 2): "latest" is a moving tag',
      );
    },
    minutes(3),
  );
});
