import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCli, digestsIn } from './docker-cli';

const DIGEST = 'sha256:' + 'c'.repeat(64);

// A stand-in `docker` that records its arguments and answers like the real CLI; the real engine is
// exercised by the publish-image integration tests.
const FAKE_DOCKER = `#!/bin/sh
echo "$*" >> "$LOG"
[ -n "$DOCKER_CONFIG" ] && cat "$DOCKER_CONFIG/config.json" >> "$LOG" && echo "$DOCKER_CONFIG" > "$LOG.config-dir"
case "$MODE:$1" in
  down:*) echo "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?" >&2; exit 1 ;;
  *:image) [ "$5" = missing ] && { echo "Error response from daemon: No such image: missing:latest" >&2; exit 1; }
    echo '{"Id":"sha256:1","RepoDigests":["reg/a@${DIGEST}","reg/b@sha256:${'d'.repeat(64)}"],"Config":{"Labels":{"k":"v"}}}' ;;
  notag:tag) echo "Error: No such image: api" >&2; exit 1 ;;
  *:tag) ;;
  denied:push) echo "The push refers to repository [reg/a]"; echo "denied: requested access to the resource is denied" >&2; exit 1 ;;
  nodigest:push) echo "The push refers to repository [reg/a]" ;;
  *:push) echo "The push refers to repository [reg/a]"; echo "sha-1234567: digest: ${DIGEST} size: 1234" ;;
esac
`;

describe('DockerCli', () => {
  let dir: string;
  let log: string;
  const cli = (mode = 'ok') =>
    new DockerCli(join(dir, 'docker'), { ...process.env, LOG: log, MODE: mode, DOCKER_CONFIG: '' });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-cli-'));
    log = join(dir, 'log');
    await writeFile(join(dir, 'docker'), FAKE_DOCKER, { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('inspects an image: id, repo digests and labels', async () => {
    const image = await cli().inspect('api');
    expect(image).toEqual({
      ref: 'api',
      id: 'sha256:1',
      repoDigests: [`reg/a@${DIGEST}`, `reg/b@sha256:${'d'.repeat(64)}`],
      labels: { k: 'v' },
    });
    expect(digestsIn(image!, 'reg/a')).toEqual([DIGEST]);
    expect(digestsIn(image!, 'reg/c')).toEqual([]);
  });

  it('returns undefined for a missing image and fails when the engine is down', async () => {
    await expect(cli().inspect('missing')).resolves.toBeUndefined();
    await expect(cli('down').inspect('api')).rejects.toMatchObject({
      kind: 'engine',
      message: expect.stringContaining('Cannot connect to the Docker daemon'),
    });
  });

  it('tags, pushes and returns the digest docker printed', async () => {
    await expect(cli().push('api', 'reg/a:sha-1234567')).resolves.toBe(DIGEST);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual([
      'tag api reg/a:sha-1234567',
      'push reg/a:sha-1234567',
    ]);
  });

  it('hands SDK credentials to this one push through a throw-away DOCKER_CONFIG', async () => {
    await cli().push('api', '1.dkr.ecr.eu-west-1.amazonaws.com/a:sha-1234567', { username: 'AWS', password: 'tok' });
    const recorded = await readFile(log, 'utf8');
    expect(recorded).toContain(
      `{"auths":{"1.dkr.ecr.eu-west-1.amazonaws.com":{"auth":"${Buffer.from('AWS:tok').toString('base64')}"}}}`,
    );
    expect(existsSync((await readFile(`${log}.config-dir`, 'utf8')).trim())).toBe(false);
  });

  it('reports tag and push failures', async () => {
    await expect(cli('notag').push('api', 'reg/a:x')).rejects.toMatchObject({
      kind: 'engine',
      message: expect.stringContaining('No such image: api'),
    });
    await expect(cli('denied').push('api', 'reg/a:x')).rejects.toMatchObject({
      kind: 'registry',
      message: expect.stringContaining('denied: requested access'),
    });
    await expect(cli('nodigest').push('api', 'reg/a:x')).rejects.toThrow(/printed no digest/);
  });

  it('reports a docker binary that cannot run', async () => {
    await expect(new DockerCli(join(dir, 'no-such-docker')).inspect('api')).rejects.toMatchObject({
      kind: 'engine',
      message: expect.stringMatching(/cannot run .*no-such-docker/),
    });
  });
});
