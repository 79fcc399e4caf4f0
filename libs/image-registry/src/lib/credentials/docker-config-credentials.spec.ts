import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerConfigCredentials, dockerConfigDir } from './docker-config-credentials';

const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('dockerConfigCredentials', () => {
  let dir: string;
  const write = (config: unknown) =>
    writeFile(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds nothing without a config file', async () => {
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir })).resolves.toBeUndefined();
  });

  it('decodes what docker login stored, also under a URL-style key', async () => {
    await write({ auths: { [`https://${REGISTRY}/v1/`]: { auth: b64('AWS:pa:ss') } } });
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir })).resolves.toEqual({
      username: 'AWS',
      password: 'pa:ss',
    });
  });

  it('accepts explicit username and password fields', async () => {
    await write({ auths: { [REGISTRY]: { username: 'u', password: 'p' } } });
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir })).resolves.toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it('asks the per-registry credential helper (e.g. ecr-login)', async () => {
    await write({ credHelpers: { [REGISTRY]: 'ecr-login' }, credsStore: 'desktop' });
    const runHelper = jest.fn(async () => JSON.stringify({ Username: 'AWS', Secret: 'tok' }));
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir, runHelper })).resolves.toEqual({
      username: 'AWS',
      password: 'tok',
    });
    expect(runHelper).toHaveBeenCalledWith('ecr-login', REGISTRY);
  });

  it('treats a helper that has nothing for the registry as no login', async () => {
    await write({ credsStore: 'desktop' });
    const runHelper = jest.fn(async () => {
      throw new Error('credentials not found in native keychain');
    });
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir, runHelper })).resolves.toBeUndefined();
    await expect(
      dockerConfigCredentials(REGISTRY, { configDir: dir, runHelper: async () => '{}' }),
    ).resolves.toBeUndefined();
  });

  it('reports a broken config, a broken entry and a broken helper answer', async () => {
    await write('{not json');
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir })).rejects.toThrow(
      /config.json is not valid JSON/,
    );
    await write({ auths: { [REGISTRY]: { auth: b64('no-colon') } } });
    await expect(dockerConfigCredentials(REGISTRY, { configDir: dir })).rejects.toThrow(
      /is malformed; run docker login/,
    );
    await write({ credsStore: 'desktop' });
    await expect(
      dockerConfigCredentials(REGISTRY, { configDir: dir, runHelper: async () => 'garbage' }),
    ).rejects.toThrow(/docker-credential-desktop answered something that is not JSON/);
  });

  it('runs a real helper binary from PATH', async () => {
    const helper = join(dir, 'docker-credential-fake');
    await writeFile(helper, '#!/bin/sh\nread host\necho "{\\"Username\\":\\"u-$host\\",\\"Secret\\":\\"s\\"}"\n', {
      mode: 0o755,
    });
    await write({ credsStore: 'fake' });
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    await expect(dockerConfigCredentials('ghcr.io', { configDir: dir, env })).resolves.toEqual({
      username: 'u-ghcr.io',
      password: 's',
    });
  });

  it('reads DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/x' })).toBe('/x');
    expect(dockerConfigDir({})).toMatch(/\.docker$/);
  });
});
