import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCredentials, type AuthMode } from './resolve-credentials';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

describe('resolveCredentials', () => {
  const ecrMock = mockClient(ECRClient);
  let dir: string;
  const sources = () => ({ dockerConfig: { configDir: dir }, ecrClient: new ECRClient({ region: 'eu-west-1' }) });
  const login = (registry: string) =>
    writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [registry]: { auth: Buffer.from('user:pw').toString('base64') } } }),
    );

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'creds-'));
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: Buffer.from('AWS:tok').toString('base64') }] });
  });
  afterEach(async () => {
    ecrMock.reset();
    await rm(dir, { recursive: true, force: true });
  });

  it('auto: an existing docker login wins, for ECR too', async () => {
    await login(ECR);
    await expect(resolveCredentials(ECR, 'auto', sources())).resolves.toEqual({
      credentials: { username: 'user', password: 'pw' },
      source: 'docker-login',
    });
    expect(ecrMock.calls()).toHaveLength(0);
  });

  it('auto: ECR without a docker login uses the AWS SDK token', async () => {
    await expect(resolveCredentials(ECR, 'auto', sources())).resolves.toEqual({
      credentials: { username: 'AWS', password: 'tok' },
      source: 'ecr',
    });
  });

  it('auto: any other registry without a login is anonymous', async () => {
    await expect(resolveCredentials('127.0.0.1:5055', 'auto', sources())).resolves.toEqual({ source: 'anonymous' });
  });

  it('ecr: skips the docker login and insists on an ECR host', async () => {
    await login(ECR);
    await expect(resolveCredentials(ECR, 'ecr', sources())).resolves.toMatchObject({ source: 'ecr' });
    await expect(resolveCredentials('ghcr.io', 'ecr', sources())).rejects.toThrow('--auth ecr needs an ECR registry');
  });

  it('docker: requires a login', async () => {
    await expect(resolveCredentials('ghcr.io', 'docker', sources())).rejects.toThrow('no docker login for ghcr.io');
  });

  it('none: anonymous even with a login', async () => {
    await login(ECR);
    await expect(resolveCredentials(ECR, 'none', sources())).resolves.toEqual({ source: 'anonymous' });
  });

  it('rejects an unknown mode', async () => {
    await expect(resolveCredentials(ECR, 'magic' as AuthMode, sources())).rejects.toThrow(
      'auth "magic" is not one of auto, docker, ecr, none',
    );
  });
});
