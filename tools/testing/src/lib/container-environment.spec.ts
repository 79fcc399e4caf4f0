import { execFileSync } from 'node:child_process';
import { startedTheEngine, useContainerEnvironment, type ContainerEnvironment } from './container-environment';
import { describeWithDocker } from './docker-gate';

describeWithDocker('container environment (tools/ci/container-env.sh)', () => {
  let environment: ContainerEnvironment;

  beforeAll(async () => {
    environment = await useContainerEnvironment();
  }, 600_000);
  afterAll(() => environment?.stop(), 120_000);

  it('offers a registry on 127.0.0.1 that answers the distribution API', async () => {
    expect(environment.registry).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await fetch(`http://${environment.registry}/v2/`)).status).toBe(200);
  });

  it('offers an engine with the local Node 24 base image, which runs without a registry', () => {
    const version = execFileSync(
      'docker',
      ['run', '--rm', '--network', 'host', environment.baseImage, 'node', '-p', 'process.version'],
      {
        env: environment.env,
        encoding: 'utf8',
      },
    );
    expect(version.trim()).toMatch(/^v24\./);
    expect(environment.env.DOCKER_HOST).toBe(environment.dockerHost);
  });

  it('is reused, not restarted, by a second caller', async () => {
    const again = await useContainerEnvironment(environment.env);
    expect(again.startedHere).toBe(false);
    expect(again.registry).toBe(environment.registry);
    await again.stop(); // leaves the engine to its owner
    expect((await fetch(`http://${environment.registry}/v2/`)).status).toBe(200);
  });
});

describe('who owns the engine', () => {
  it('is the caller whose start said it started the engine, not one that found it up', () => {
    expect(startedTheEngine('container-env: engine started at unix:///tmp/x/docker.sock (storage overlay2)\n')).toBe(
      true,
    );
    expect(startedTheEngine('container-env: engine up at unix:///tmp/x/docker.sock\n')).toBe(false);
    expect(startedTheEngine('container-env: registry started at 127.0.0.1:5055\n')).toBe(false);
  });
});
