import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCli, type LocalEngine } from '@slipway/image-registry';
import type { PublishImageOptions } from './options';
import { runPublishImage } from './run';

const COMMIT = '1234567890abcdef1234567890abcdef12345678';
const TAG = `sha-${COMMIT}`;
const S = `sha256:${'a'.repeat(64)}`;
const X = `sha256:${'b'.repeat(64)}`;

/** Answers HEAD for tags only: enough for no-op and conflict runs, which never read or write manifests. */
async function headOnlyRegistry(tags: Record<string, string>): Promise<{ host: string; server: Server }> {
  const server = createServer((req, res) => {
    const tag = req.url?.split('/manifests/')[1];
    const digest = tag && tags[tag];
    res.writeHead(req.method === 'HEAD' && digest ? 200 : 404, digest ? { 'docker-content-digest': digest } : {}).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('runPublishImage', () => {
  let out: string[];
  let err: string[];
  let dir: string;
  let server: Server | undefined;
  const io = (env: NodeJS.ProcessEnv = {}) => ({
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    env,
  });
  const options = (overrides: Partial<PublishImageOptions> = {}): PublishImageOptions => ({
    registry: '127.0.0.1:9',
    repository: 'slipway/api',
    commit: COMMIT,
    image: 'api',
    version: 'v1.2.0',
    json: false,
    ...overrides,
  });
  const engineWith = (host: string): LocalEngine => ({
    inspect: async (ref) => ({
      ref,
      id: 'id',
      repoDigests: [`${host}/slipway/api@${S}`],
      labels: { 'org.opencontainers.image.revision': COMMIT, 'org.opencontainers.image.version': 'v1.2.0' },
    }),
    push: async () => {
      throw new Error('must not push');
    },
  });

  beforeEach(async () => {
    out = [];
    err = [];
    dir = await mkdtemp(join(tmpdir(), 'publish-run-'));
  });
  afterEach(async () => {
    server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on a re-run, says nothing changed, and writes the GitHub outputs', async () => {
    const registry = await headOnlyRegistry({ [TAG]: S, 'v1.2.0': S });
    server = registry.server;
    const outputFile = join(dir, 'github-output');
    const code = await runPublishImage(options({ registry: registry.host }), io({ GITHUB_OUTPUT: outputFile }), {
      engine: engineWith(registry.host),
    });
    expect(code).toBe(0);
    expect(out[0]).toBe(
      `nothing to do: every tag already names this digest in ${registry.host}/slipway/api (a re-run is safe)`,
    );
    expect(out.slice(-2)).toEqual([`digest: ${S}`, `tags: ${TAG} v1.2.0`]);
    expect(await readFile(outputFile, 'utf8')).toBe(
      `digest=${S}\ntags=${TAG},v1.2.0\nreference=${registry.host}/slipway/api@${S}\n`,
    );
  });

  it('prints one JSON object for machines', async () => {
    const registry = await headOnlyRegistry({ [TAG]: S, 'v1.2.0': S });
    server = registry.server;
    await runPublishImage(options({ registry: registry.host, json: true }), io(), {
      engine: engineWith(registry.host),
    });
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0])).toEqual({
      ok: true,
      exitCode: 0,
      image: `${registry.host}/slipway/api`,
      digest: S,
      reference: `${registry.host}/slipway/api@${S}`,
      tags: [TAG, 'v1.2.0'],
      outcomes: { [TAG]: 'unchanged', 'v1.2.0': 'unchanged' },
      changed: false,
    });
  });

  it('exits 3 when the version names other bytes, and writes no outputs', async () => {
    const registry = await headOnlyRegistry({ [TAG]: S, 'v1.2.0': X });
    server = registry.server;
    const outputFile = join(dir, 'github-output');
    const code = await runPublishImage(
      options({ registry: registry.host, json: true }),
      io({ GITHUB_OUTPUT: outputFile }),
      {
        engine: engineWith(registry.host),
      },
    );
    expect(code).toBe(3);
    expect(JSON.parse(out[0])).toMatchObject({ ok: false, exitCode: 3, error: { kind: 'tag-conflict' } });
    expect(err.at(-1)).toMatch(/^publish-image: refused, immutable tag \(exit 3\): refusing to move .*:v1\.2\.0/);
    await expect(readFile(outputFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 for latest, before any request', async () => {
    const code = await runPublishImage(options({ version: 'latest' }), io(), { engine: engineWith('x') });
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^publish-image: invalid input \(exit 2\): "latest" is a moving tag/)]);
  });

  it('exits 2 for a short commit, before any request, naming the fix', async () => {
    const code = await runPublishImage(options({ commit: COMMIT.slice(0, 7) }), io(), { engine: engineWith('x') });
    expect(code).toBe(2);
    expect(err).toEqual([
      'publish-image: invalid input (exit 2): commit SHA "1234567" has 7 characters: expected the full 40-character lower-case commit SHA ' +
        '(git rev-parse HEAD); pass --commit "$(git rev-parse HEAD)" (or set GITHUB_SHA); nothing was pushed',
    ]);
  });

  it('exits 4 when the registry cannot be reached', async () => {
    const code = await runPublishImage(options({ registry: '127.0.0.1:9' }), io(), { engine: engineWith('x') });
    expect(code).toBe(4);
    expect(err.at(-1)).toContain('registry or auth failure (exit 4): cannot reach the registry at http://127.0.0.1:9/');
  });

  it('exits 5 when the Docker engine fails', async () => {
    const registry = await headOnlyRegistry({});
    server = registry.server;
    const code = await runPublishImage(options({ registry: registry.host }), io(), {
      engine: new DockerCli(join(dir, 'no-docker')),
    });
    expect(code).toBe(5);
    expect(err.at(-1)).toMatch(/Docker engine failure \(exit 5\): cannot run .*no-docker/);
  });

  it('exits 1 on an unexpected error, with its stack', async () => {
    const registry = await headOnlyRegistry({});
    server = registry.server;
    const broken: LocalEngine = { inspect: async () => Promise.reject(new TypeError('boom')), push: async () => '' };
    const code = await runPublishImage(options({ registry: registry.host, json: true }), io(), { engine: broken });
    expect(code).toBe(1);
    expect(JSON.parse(out[0])).toEqual({ ok: false, exitCode: 1, error: { kind: 'unexpected', message: 'boom' } });
    expect(err.join('\n')).toContain('TypeError: boom');
  });
});
