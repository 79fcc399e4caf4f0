import { toEcsSettings, validateEcsSettings } from './settings';

const good = {
  region: 'eu-west-1',
  cluster: 'slipway-production',
  service: 'api',
  container: 'api',
  repository: 'slipway/api',
};

describe('ECS settings', () => {
  it('accepts names and ARNs', () => {
    expect(validateEcsSettings(good)).toEqual([]);
    expect(
      validateEcsSettings({
        ...good,
        cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
        service: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/api',
      }),
    ).toEqual([]);
    expect(validateEcsSettings({ ...good, region: 'us-gov-west-1' })).toEqual([]);
    expect(toEcsSettings(good)).toEqual(good);
  });

  it('lists every problem with its fix', () => {
    const problems = validateEcsSettings({
      region: 'Europe',
      cluster: 'a b',
      service: '-x',
      container: 'a/b',
      repository: '123.dkr.ecr.eu-west-1.amazonaws.com/slipway/api:v1',
    });
    expect(problems).toEqual([
      'region "Europe" is not an AWS region name (e.g. eu-west-1)',
      'cluster "a b" is neither an ECS cluster name (letters, digits, - and _) nor an ARN',
      'service "-x" is neither an ECS service name (letters, digits, - and _) nor an ARN',
      'container "a/b" is not a valid container name (letters, digits, - and _)',
      'repository "123.dkr.ecr.eu-west-1.amazonaws.com/slipway/api:v1" is not an ECR repository name (lower-case, e.g. slipway/api; not a URI or tag)',
    ]);
  });
});
