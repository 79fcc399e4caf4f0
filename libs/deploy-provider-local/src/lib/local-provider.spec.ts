import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DeployReport,
  type EngineDeps,
  ProviderError,
  runDeploy,
  runRollback,
  runStatus,
} from '@slipway/deploy-engine';
import { SimulatedClock } from '@slipway/deploy-engine/testing';
import { createArguments } from './container-spec';
import { LocalProvider } from './local-provider';
import { createLocalProviderFactory } from './factory';
import { RegistryImages } from './registry-images';
import { LABELS, successorHistory } from './revision';
import { FakeDockerEngine, type ImageBehaviour } from './test-support/fake-docker-engine';
import { MemoryImageSource } from './test-support/memory-image-source';

const REGISTRY = '127.0.0.1:5055';
const NAME = 'slipway-api-local';
const digest = (n: number) => `sha256:${String(n).repeat(64)}`;
const ref = (n: number) => `${REGISTRY}/slipway/api@${digest(n)}`;
const commit = (n: number) => String(n).repeat(40);

describe('the local provider under the deploy engine', () => {
  let dir: string;
  let docker: FakeDockerEngine;
  let registry: MemoryImageSource;
  let lines: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-local-provider-'));
    writeFileSync(
      join(dir, 'deploy.json'),
      JSON.stringify({
        environments: {
          local: { provider: 'local', registry: REGISTRY, repository: 'slipway/api', container: NAME, port: '3111' },
        },
      }),
    );
    docker = new FakeDockerEngine();
    registry = new MemoryImageSource();
    lines = [];
    // v1.0.0 … v1.3.0 are images 1 … 4 in the registry.
    for (const n of [1, 2, 3, 4]) release(n, 'healthy');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function release(n: number, behaviour: ImageBehaviour['kind'] | ImageBehaviour) {
    registry.publish(digest(n), [`v1.${n - 1}.0`, `sha-${commit(n)}`], {
      'org.opencontainers.image.revision': commit(n),
    });
    docker.pullable.add(ref(n));
    docker.behaviours.set(
      ref(n),
      typeof behaviour === 'string' ? ({ kind: behaviour, exitCode: 1 } as ImageBehaviour) : behaviour,
    );
  }

  function deps(): EngineDeps {
    const factory = createLocalProviderFactory({
      docker: () => docker,
      images: (s) => new RegistryImages(registry, s.registry, s.repository),
    });
    return {
      app: 'api',
      workspaceRoot: dir,
      providers: [factory],
      env: {},
      log: (line) => lines.push(line),
      clock: new SimulatedClock(),
    };
  }

  const deploy = (version: string, extra: Record<string, unknown> = {}) =>
    runDeploy({ config: 'deploy.json', version, environment: 'local', ...extra }, deps());
  const rollback = (extra: Record<string, unknown> = {}) =>
    runRollback({ config: 'deploy.json', environment: 'local', ...extra }, deps());
  const running = () => docker.containers.get(NAME);

  it('deploys the first version onto an empty engine, pinned by digest, and waits for healthy', async () => {
    const report = await deploy('v1.0.0');
    expect(report).toMatchObject({
      outcome: 'DEPLOYED',
      exitCode: 0,
      commit: commit(1),
      digest: digest(1),
      image: ref(1),
    });
    expect(running()).toMatchObject({ image: ref(1), started: true, stopped: false });
    expect(running()?.labels).toMatchObject({
      [LABELS.version]: 'v1.0.0',
      [LABELS.commit]: commit(1),
      [LABELS.environment]: 'local',
      [LABELS.history]: '[]',
    });
    expect(docker.calls).toEqual([
      'version',
      `inspect ${NAME}`,
      `pull ${ref(1)}`,
      `rm ${NAME}-next`,
      `create ${NAME}-next`,
      `inspect ${NAME}`,
      `rename ${NAME}-next ${NAME}`,
      `start ${NAME}`,
      `inspect ${NAME}`,
    ]);
    expect(docker.created[0]).toEqual(expect.arrayContaining(['--network', 'host', 'PORT=3111']));
  });

  it('upgrades: the new container replaces the old one (stop first), which is kept stopped for its logs', async () => {
    await deploy('v1.0.0');
    docker.calls.length = 0;
    const report = await deploy('v1.1.0');
    expect(report).toMatchObject({
      outcome: 'DEPLOYED',
      previousRevision: { image: ref(1), version: 'v1.0.0' },
      newRevision: { image: ref(2), version: 'v1.1.0' },
    });
    expect(running()).toMatchObject({
      image: ref(2),
      labels: expect.objectContaining({ [LABELS.previous]: ref(1), [LABELS.version]: 'v1.1.0' }),
    });
    expect(docker.containers.get(`${NAME}-replaced`)).toMatchObject({ image: ref(1), stopped: true });
    const order = docker.calls.filter((c) => !c.startsWith('inspect') && c !== 'version');
    expect(order).toEqual([
      `pull ${ref(2)}`,
      `rm ${NAME}-next`,
      `create ${NAME}-next`,
      `rm ${NAME}-replaced`,
      `stop ${NAME}`,
      `rename ${NAME} ${NAME}-replaced`,
      `rename ${NAME}-next ${NAME}`,
      `start ${NAME}`,
    ]);
  });

  it('puts the previous version back when the new one never becomes healthy (exit 3)', async () => {
    await deploy('v1.0.0');
    release(3, { kind: 'unhealthy', afterInspects: 2, output: 'HTTP 503 from /healthz' });
    const report = await deploy('v1.2.0');
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      rollback: { status: 'COMPLETED', by: 'slipway', revision: { version: 'v1.0.0' } },
    });
    expect(report.message).toMatch(
      /the container turned unhealthy after 3 failed health check\(s\): exit 1: HTTP 503 from \/healthz/,
    );
    expect(report.stoppedTasks).toEqual([expect.objectContaining({ category: 'health' })]);
    expect(running()).toMatchObject({
      image: ref(1),
      stopped: false,
      labels: expect.objectContaining({ [LABELS.version]: 'v1.0.0', [LABELS.history]: '[]' }),
    });
    expect(docker.containers.get(`${NAME}-replaced`)).toMatchObject({ image: ref(3) });
    expect(lines.join('\n')).toMatch(/health check failed \(exit 1\): HTTP 503 from \/healthz/);
  });

  it.each<[string, ImageBehaviour, string]>([
    ['exits', { kind: 'exits', exitCode: 1 }, 'the container exited (exit code 1)'],
    ['crash-loops', { kind: 'crash-loop', exitCode: 2 }, 'and Docker restarted it'],
    [
      'cannot start',
      { kind: 'cannot-start', error: 'exec: "node": not found' },
      'the container could not start: exec: "node": not found',
    ],
  ])('fails fast and rolls back when the new container %s', async (_name, behaviour, reason) => {
    await deploy('v1.0.0');
    release(3, behaviour);
    const report = await deploy('v1.2.0');
    expect(report).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3 });
    expect(report.message).toContain(reason);
    expect(running()).toMatchObject({ image: ref(1) });
  });

  it('takes the environment back to empty when its first deploy fails', async () => {
    release(3, { kind: 'exits', exitCode: 1 });
    const report = await deploy('v1.2.0');
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      rollback: { status: 'COMPLETED', revision: { label: '(no container)' } },
    });
    expect(running()).toBeUndefined();
    expect(docker.containers.get(`${NAME}-replaced`)).toMatchObject({ image: ref(3) });
  });

  it('reports FAILED (exit 4) with --no-rollback, leaving the failed container for inspection', async () => {
    await deploy('v1.0.0');
    release(3, { kind: 'exits', exitCode: 1 });
    expect(await deploy('v1.2.0', { rollback: false })).toMatchObject({ outcome: 'FAILED', exitCode: 4 });
    expect(running()).toMatchObject({ image: ref(3) });
  });

  it('rollback returns to the version deployed before, and then forward again', async () => {
    await deploy('v1.0.0');
    await deploy('v1.1.0');
    const back = await rollback();
    expect(back).toMatchObject({
      command: 'rollback',
      outcome: 'DEPLOYED',
      version: 'v1.0.0',
      previousRevision: { version: 'v1.1.0' },
    });
    expect(running()).toMatchObject({ image: ref(1) });
    expect(JSON.parse(running()!.labels[LABELS.history]).map((e: { version: string }) => e.version)).toEqual([
      'v1.1.0',
      'v1.0.0',
    ]);
    expect(await rollback()).toMatchObject({ outcome: 'DEPLOYED', version: 'v1.1.0' });
  });

  it('rollback skips redeploys of the running version', async () => {
    await deploy('v1.0.0');
    await deploy('v1.1.0');
    await deploy('v1.1.0', { force: true });
    expect(await rollback()).toMatchObject({ outcome: 'DEPLOYED', version: 'v1.0.0' });
  });

  it('rollback needs --to when nothing was recorded', async () => {
    await deploy('v1.0.0');
    const report = await rollback();
    expect(report).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      exitCode: 2,
      message: expect.stringContaining('name one: --to vX.Y.Z'),
    });
  });

  it('does nothing when the exact image already runs', async () => {
    await deploy('v1.0.0');
    docker.calls.length = 0;
    expect(await deploy('v1.0.0')).toMatchObject({ outcome: 'ALREADY_DEPLOYED', exitCode: 0 });
    expect(docker.calls.some((c) => c.startsWith('create') || c.startsWith('stop'))).toBe(false);
  });

  it('fails pre-flight with the nearest versions when the tag is missing; nothing touched', async () => {
    await deploy('v1.0.0');
    docker.calls.length = 0;
    const report = await deploy('v1.9.0');
    expect(report).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      exitCode: 2,
      message: expect.stringContaining(
        `image ${REGISTRY}/slipway/api:v1.9.0 does not exist; nearest existing versions: v1.3.0`,
      ),
    });
    expect(docker.calls).toEqual([]);
  });

  it('fails pre-flight with the fix when no engine answers', async () => {
    docker.reachable = false;
    const report = await deploy('v1.0.0');
    expect(report).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      exitCode: 2,
      message: expect.stringContaining('Cannot connect to the Docker daemon'),
    });
  });

  it('changes nothing when the image cannot be pulled or the container cannot be created', async () => {
    await deploy('v1.0.0');
    registry.publish(digest(7), ['v1.7.0'], {});
    const pull = await deploy('v1.7.0');
    // The outcome's name is the engine's (a refused apply); what matters here is exit 2 and why.
    expect(pull).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('docker:pull was refused: manifest unknown'),
    });
    docker.failNext = {
      operation: 'create',
      error: new ProviderError('invalid', 'network nope not found', 'docker:create'),
    };
    expect(await deploy('v1.1.0')).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('docker:create was refused: network nope not found'),
    });
    expect(running()).toMatchObject({ image: ref(1), stopped: false });
  });

  it.each([
    ['stopping the running container', `stop ${NAME}`],
    ['moving it aside', `rename ${NAME} ${NAME}-replaced`],
    ['moving the new one in', `rename ${NAME}-next ${NAME}`],
  ])(
    'puts the previous container back when %s fails halfway (exit 4, never a silent outage)',
    async (_name, operation) => {
      await deploy('v1.0.0');
      docker.failNext = { operation, error: new ProviderError('unknown', 'daemon hiccup', 'docker:x') };
      const report = await deploy('v1.1.0');
      expect(report).toMatchObject({
        outcome: 'FAILED',
        exitCode: 4,
        message: expect.stringContaining(
          `replacing container ${NAME} failed: daemon hiccup; the previous container was started again as ${NAME}`,
        ),
      });
      expect(running()).toMatchObject({ image: ref(1), stopped: false });
      expect(docker.containers.has(`${NAME}-next`)).toBe(false);
    },
  );

  it('says so when even putting the previous container back fails', async () => {
    await deploy('v1.0.0');
    docker.failNext = {
      operation: `rename ${NAME}-next ${NAME}`,
      error: new ProviderError('unknown', 'daemon hiccup', 'docker:rename'),
    };
    const originalStart = docker.start.bind(docker);
    docker.start = async () => Promise.reject(new ProviderError('unknown', 'no', 'docker:start'));
    const report = await deploy('v1.1.0');
    docker.start = originalStart;
    expect(report.message).toContain(`check \`docker ps --all --filter name=${NAME}\``);
  });

  it('refuses while a rollout is still in progress (exit 7), unless forced', async () => {
    const provider = new LocalProvider(
      {
        registry: REGISTRY,
        repository: 'slipway/api',
        container: NAME,
        port: 3111,
        network: 'host',
        containerPort: 3000,
      },
      'local',
      docker,
      new RegistryImages(registry, REGISTRY, 'slipway/api'),
    );
    docker.images.add(ref(1));
    docker.behaviours.set(ref(1), { kind: 'healthy', afterInspects: 1000 });
    const resolved = await provider.resolveImage('v1.0.0');
    if (!resolved.found) throw new Error('v1.0.0 should resolve');
    await provider.apply(await provider.plan(await provider.readTarget(), resolved.image));
    expect(await deploy('v1.1.0')).toMatchObject({ outcome: 'REFUSED_IN_PROGRESS', exitCode: 7 });
    expect(await deploy('v1.1.0', { force: true })).toMatchObject({ outcome: 'DEPLOYED' });
  });

  it('reports SUPERSEDED when someone else replaced the container during the watch', async () => {
    await deploy('v1.0.0');
    docker.behaviours.set(ref(2), { kind: 'healthy', afterInspects: 3 });
    const originalStart = docker.start.bind(docker);
    docker.start = async (name) => {
      await originalStart(name);
      docker.containers.get(name)!.labels[LABELS.rollout] = 'someone-else';
    };
    expect(await deploy('v1.1.0')).toMatchObject({ outcome: 'SUPERSEDED', exitCode: 6 });
  });

  it('fails the rollout when the container disappears during the watch', async () => {
    await deploy('v1.0.0');
    const originalStart = docker.start.bind(docker);
    docker.start = async (name) => {
      await originalStart(name);
      docker.containers.delete(name);
    };
    const report: DeployReport = await deploy('v1.1.0');
    expect(report.message).toContain(`container ${NAME} is gone`);
  });

  it('shows the running version in deploy-status', async () => {
    expect((await runStatus({ config: 'deploy.json' }, deps())).environments).toEqual([
      expect.objectContaining({ environment: 'local', provider: 'local', revision: '(no container)', rollouts: 0 }),
    ]);
    await deploy('v1.0.0');
    await deploy('v1.1.0');
    const status = await runStatus({ config: 'deploy.json' }, deps());
    expect(status).toMatchObject({ outcome: 'REPORTED', exitCode: 0 });
    expect(status.environments[0]).toMatchObject({
      environment: 'local',
      target: `Docker container ${NAME} (port 3111, host network) on unix:///fake/docker.sock`,
      version: 'v1.1.0',
      commit: commit(2),
      digest: digest(2),
      rolloutState: 'COMPLETED',
      running: 1,
      desired: 1,
    });
  });

  it('lists commands to inspect the container by hand', () => {
    const provider = createLocalProviderFactory({
      docker: () => docker,
      images: (s) => new RegistryImages(registry, s.registry, s.repository),
    }).create(
      { registry: REGISTRY, repository: 'slipway/api', container: NAME, network: 'bridge', port: '8080' },
      { environment: 'local', env: {} },
    );
    expect(provider.description).toBe(
      `Docker container ${NAME} (127.0.0.1:8080 → 3000, network bridge) on unix:///fake/docker.sock`,
    );
    expect(provider.inspectCommands().join('\n')).toContain(`docker logs --tail 50 ${NAME}-replaced`);
  });

  it('reads revisions from the recorded chain, and a container started by hand as its image alone', async () => {
    const settings = {
      registry: REGISTRY,
      repository: 'slipway/api',
      container: NAME,
      port: 3111,
      network: 'host',
      containerPort: 3000,
    };
    const head = {
      image: ref(2),
      version: 'v1.1.0',
      history: successorHistory({ image: ref(1), version: 'v1.0.0', history: [] }),
    };
    await docker.seed(createArguments({ name: NAME, revision: head, environment: 'local', rolloutId: 'r' }, settings));
    const provider = new LocalProvider(
      settings,
      'local',
      docker,
      new RegistryImages(registry, REGISTRY, 'slipway/api'),
    );
    expect(await provider.readRevision(`${ref(1)}#1`)).toMatchObject({
      id: `${ref(1)}#1`,
      image: ref(1),
      version: 'v1.0.0',
      previousId: undefined,
    });
    expect(await provider.readRevision(ref(2))).toMatchObject({ version: 'v1.1.0', previousId: `${ref(1)}#1` });
    expect(await provider.readRevision('')).toMatchObject({ label: '(no container)' });
    expect(await provider.readRevision('elsewhere@sha256:0#4')).toEqual({
      id: 'elsewhere@sha256:0#4',
      image: 'elsewhere@sha256:0',
      label: 'elsewhere@0',
    });
  });
});
