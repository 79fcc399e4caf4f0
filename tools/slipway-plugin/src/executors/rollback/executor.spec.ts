import { FAKE_CLUSTER } from '@slipway/deploy-provider-ecs/testing';
import { useFakeEcsExecutors } from '../../test-support/fake-ecs-executors';
import deployExecutor from '../deploy/executor';
import rollbackExecutor from './executor';

describe('rollback executor', () => {
  const harness = useFakeEcsExecutors(
    {
      production: {
        provider: 'ecs',
        region: 'eu-west-1',
        cluster: FAKE_CLUSTER,
        service: 'api',
        container: 'api',
        repository: 'slipway/api',
      },
    },
    { SLIPWAY_POLL_INTERVAL: '10ms' },
  );

  it('deploy, then rollback to the previous version', async () => {
    const options = { config: 'deploy.json', environment: 'production' };
    expect(await deployExecutor({ ...options, version: 'v1.2.0' }, harness.context)).toMatchObject({ exitCode: 0 });
    const back = await rollbackExecutor(options, harness.context);
    expect(back).toMatchObject({ success: true, exitCode: 0, report: { command: 'rollback', version: 'v1.1.0' } });
  });

  it('rollback --to an unknown version fails pre-flight with the nearest ones', async () => {
    const result = await rollbackExecutor(
      { config: 'deploy.json', environment: 'production', to: 'v1.1.5' },
      harness.context,
    );
    expect(result).toMatchObject({ exitCode: 2, outcome: 'PREFLIGHT_FAILED' });
    expect(harness.out.join('')).toContain('nearest existing versions: v1.2.0, v1.1.0');
  });
});
