import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ecrCredentials, parseEcrRegistry } from './ecr-credentials';

describe('parseEcrRegistry', () => {
  it('reads account and region from an ECR host', () => {
    expect(parseEcrRegistry('123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
    });
    expect(parseEcrRegistry('123456789012.dkr.ecr-fips.us-east-1.amazonaws.com')?.region).toBe('us-east-1');
    expect(parseEcrRegistry('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn')?.region).toBe('cn-north-1');
  });

  it('ignores other registries', () => {
    expect(parseEcrRegistry('127.0.0.1:5055')).toBeUndefined();
    expect(parseEcrRegistry('ghcr.io')).toBeUndefined();
  });
});

describe('ecrCredentials', () => {
  const ecr = mockClient(ECRClient);
  const registry = { accountId: '123456789012', region: 'eu-west-1' };
  afterEach(() => ecr.reset());

  it('decodes the AWS:<password> authorization token', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: Buffer.from('AWS:secret').toString('base64') }] });
    await expect(ecrCredentials(registry, new ECRClient({ region: 'eu-west-1' }))).resolves.toEqual({
      username: 'AWS',
      password: 'secret',
    });
  });

  it("asks in the registry's region when given no client", async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: Buffer.from('AWS:secret').toString('base64') }] });
    await expect(ecrCredentials({ ...registry, region: 'us-east-2' })).resolves.toMatchObject({ username: 'AWS' });
    expect(await (ecr.call(0).thisValue as ECRClient).config.region()).toBe('us-east-2');
  });

  it('explains a refused call', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejects(new Error('User is not authorized to perform: ecr:GetAuthorizationToken'));
    await expect(ecrCredentials(registry, new ECRClient({ region: 'eu-west-1' }))).rejects.toThrow(
      /ECR GetAuthorizationToken failed in eu-west-1: User is not authorized.*Provide AWS credentials/,
    );
  });

  it('refuses an answer without a token', async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves({ authorizationData: [] });
    await expect(ecrCredentials(registry, new ECRClient({ region: 'eu-west-1' }))).rejects.toThrow(
      /returned no usable token/,
    );
  });
});
