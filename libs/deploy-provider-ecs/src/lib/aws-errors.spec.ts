import { ProviderError } from '@slipway/deploy-engine';
import { awsError } from './test-support/fake-ecs-world';
import { awsCall, classifyAwsError, toProviderError } from './aws-errors';

describe('AWS error classification', () => {
  it.each([
    [awsError('ThrottlingException', 'Rate exceeded'), 'throttled'],
    [awsError('ClientException', 'Rate exceeded'), 'throttled'],
    [awsError('Whatever', 'x', 429), 'throttled'],
    [awsError('AccessDeniedException', 'User: x is not authorized'), 'access-denied'],
    [awsError('Other', 'x', 403), 'access-denied'],
    [awsError('CredentialsProviderError', 'Could not load credentials'), 'access-denied'],
    [awsError('ClusterNotFoundException'), 'not-found'],
    [awsError('RepositoryNotFoundException'), 'not-found'],
    [awsError('ServerException', 'x', 500), 'unavailable'],
    [awsError('Odd', 'x', 503), 'unavailable'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'unavailable'],
    [awsError('InvalidParameterException'), 'invalid'],
    [new Error('Region is missing'), 'invalid'],
    [new Error('strange'), 'unknown'],
    [undefined, 'unknown'],
  ])('%p → %s', (error, kind) => {
    expect(classifyAwsError(error)).toBe(kind);
  });

  it('wraps SDK errors with the operation and a hint, and passes ProviderErrors through', async () => {
    const wrapped = await awsCall('ecs:DescribeServices', () =>
      Promise.reject(awsError('AccessDeniedException', 'not authorized')),
    ).catch((e) => e);
    expect(wrapped).toBeInstanceOf(ProviderError);
    expect(wrapped).toMatchObject({ kind: 'access-denied', operation: 'ecs:DescribeServices' });
    expect(wrapped.message).toBe(
      'AccessDeniedException: not authorized (check the credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID) and that the role may call this action)',
    );
    const own = new ProviderError('invalid', 'x', 'y');
    expect(toProviderError('z', own)).toBe(own);
    expect(toProviderError('z', 'text').message).toBe('Error: text');
    await expect(awsCall('op', async () => 42)).resolves.toBe(42);
  });
});
