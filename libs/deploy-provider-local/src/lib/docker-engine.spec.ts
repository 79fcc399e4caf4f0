import { ProviderError } from '@slipway/deploy-engine';
import { classify, type CommandResult, DockerCliEngine, dockerCommandRunner } from './docker-engine';

/** A runner that answers from a script keyed by the docker sub-command, and records every call. */
function scripted(answers: Record<string, Partial<CommandResult> | Error>) {
  const calls: string[][] = [];
  const run = async (args: readonly string[]) => {
    calls.push([...args]);
    const key = Object.keys(answers).find((k) => args.join(' ').startsWith(k));
    const answer = key === undefined ? {} : answers[key];
    if (answer instanceof Error) throw answer;
    return { code: 0, stdout: '', stderr: '', ...answer };
  };
  return { calls, run };
}

describe('DockerCliEngine', () => {
  it('names the engine it talks to', () => {
    expect(new DockerCliEngine(scripted({}).run, { DOCKER_HOST: 'unix:///x.sock' }).host).toBe('unix:///x.sock');
    expect(new DockerCliEngine(scripted({}).run, { DOCKER_CONTEXT: 'colima' }).host).toBe('context colima');
    expect(new DockerCliEngine(scripted({}).run, {}).host).toMatch(/default engine/);
  });

  it('issues the expected docker commands', async () => {
    const { calls, run } = scripted({ version: { stdout: '20.10.24\n' }, create: { stdout: 'abc123\n' } });
    const docker = new DockerCliEngine(run, {});
    expect(await docker.serverVersion()).toBe('20.10.24');
    expect(await docker.create(['create', '--name', 'x', 'img'])).toBe('abc123');
    await docker.pull('img@sha256:1');
    await docker.start('x');
    await docker.stop('x', 10);
    await docker.remove('x');
    await docker.rename('x', 'y');
    expect(await docker.hasImage('img')).toBe(true);
    expect(calls).toEqual([
      ['version', '--format', '{{.Server.Version}}'],
      ['create', '--name', 'x', 'img'],
      ['pull', '--quiet', 'img@sha256:1'],
      ['start', 'x'],
      ['stop', '--time', '10', 'x'],
      ['rm', '--force', 'x'],
      ['rename', 'x', 'y'],
      ['image', 'inspect', '--format', '{{.Id}}', 'img'],
    ]);
  });

  it('inspects a container, and knows a missing one from a failure', async () => {
    const found = new DockerCliEngine(
      scripted({
        'container inspect': {
          stdout: JSON.stringify([{ Id: 'c1', Name: '/api', Config: { Image: 'img' }, State: { Status: 'running' } }]),
        },
      }).run,
      {},
    );
    expect(await found.inspectContainer('api')).toMatchObject({ id: 'c1', name: 'api', status: 'running' });
    const empty = new DockerCliEngine(scripted({ 'container inspect': { stdout: '[]' } }).run, {});
    expect(await empty.inspectContainer('api')).toBeUndefined();
    const missing = new DockerCliEngine(
      scripted({ 'container inspect': { code: 1, stderr: 'Error: No such container: api' } }).run,
      {},
    );
    expect(await missing.inspectContainer('api')).toBeUndefined();
    const down = new DockerCliEngine(
      scripted({
        'container inspect': {
          code: 1,
          stderr: 'Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?',
        },
      }).run,
      { DOCKER_HOST: 'unix:///x.sock' },
    );
    await expect(down.inspectContainer('api')).rejects.toMatchObject({
      kind: 'unavailable',
      operation: 'docker:inspect',
      message: expect.stringContaining('tools/ci/container-env.sh start'),
    });
  });

  it('tells a missing image from a failing inspect', async () => {
    expect(
      await new DockerCliEngine(scripted({ image: { code: 1, stderr: 'Error: No such image: img' } }).run, {}).hasImage(
        'img',
      ),
    ).toBe(false);
    await expect(
      new DockerCliEngine(scripted({ image: { code: 1, stderr: 'boom' } }).run, {}).hasImage('img'),
    ).rejects.toMatchObject({
      kind: 'unknown',
      message: 'boom (engine: the default engine (unix:///var/run/docker.sock))',
    });
  });

  it('ignores removing a container that is not there, fails on other rm errors', async () => {
    await expect(
      new DockerCliEngine(scripted({ rm: { code: 1, stderr: 'Error: No such container: x' } }).run, {}).remove('x'),
    ).resolves.toBeUndefined();
    await expect(
      new DockerCliEngine(scripted({ rm: { code: 1, stderr: 'permission denied' } }).run, {}).remove('x'),
    ).rejects.toMatchObject({ kind: 'access-denied' });
  });

  it('turns a failed command into a ProviderError with the last lines of its output', async () => {
    const docker = new DockerCliEngine(
      scripted({ pull: { code: 1, stderr: 'line1\nline2\nline3\nError response from daemon: manifest unknown' } }).run,
      {},
    );
    const error = await docker.pull('img').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'not-found',
      operation: 'docker:pull',
      message: expect.stringMatching(/^line2 line3 Error response from daemon: manifest unknown/),
    });
    await expect(new DockerCliEngine(scripted({ start: { code: 125 } }).run, {}).start('x')).rejects.toMatchObject({
      message: expect.stringMatching(/^exit code 125/),
    });
  });

  it('says how to get docker when the CLI cannot run', async () => {
    const docker = new DockerCliEngine(scripted({ version: new Error('spawn docker ENOENT') }).run, {});
    await expect(docker.serverVersion()).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(
        /cannot run the docker CLI \(spawn docker ENOENT\); install it, then start one with/,
      ),
    });
  });

  it('classifies docker error text', () => {
    expect(classify('error during connect: Get "http://%2Fx.sock/v1.41/version"')).toBe('unavailable');
    expect(classify('unauthorized: authentication required')).toBe('access-denied');
    expect(classify('Conflict. The container name "/x" is already in use')).toBe('invalid');
    expect(classify('toomanyrequests: slow down')).toBe('throttled');
    expect(classify('something odd')).toBe('unknown');
  });
});

describe('dockerCommandRunner', () => {
  it('runs the binary and reports its exit code and output', async () => {
    const run = dockerCommandRunner({ PATH: process.env.PATH }, 'sh');
    await expect(run(['-c', 'echo out; echo err >&2; exit 3'])).resolves.toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    await expect(run(['-c', 'true'])).resolves.toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rejects when the binary is missing', async () => {
    await expect(dockerCommandRunner({ PATH: '/nonexistent' }, 'no-such-docker')(['version'])).rejects.toThrow(
      /ENOENT/,
    );
  });
});
