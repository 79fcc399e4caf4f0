import { RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { FAKE_CLUSTER } from '@slipway/deploy-provider-ecs/testing';
import { useFakeEcsExecutors } from '../../test-support/fake-ecs-executors';
import deployStatusExecutor from './executor';

const ecsEnvironment = {
  provider: 'ecs',
  region: 'eu-west-1',
  cluster: FAKE_CLUSTER,
  service: 'api',
  container: 'api',
  repository: 'slipway/api',
};

describe('deploy-status executor', () => {
  const harness = useFakeEcsExecutors({ staging: ecsEnvironment, production: ecsEnvironment });

  it('reads every environment as a table and changes nothing', async () => {
    const result = await deployStatusExecutor({ config: 'deploy.json' }, harness.context);
    expect(result).toMatchObject({ success: true, exitCode: 0 });
    const printed = harness.out.join('');
    expect(printed).toMatch(/^staging\s+v1\.1\.0\s/m);
    expect(printed).toMatch(/^production\s+v1\.1\.0\s/m);
    expect(harness.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(harness.ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
  });

  it('prints one environment as JSON for scripts', async () => {
    const result = await deployStatusExecutor(
      { config: 'deploy.json', environment: 'production', json: true },
      harness.context,
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(harness.out.join(''))).toMatchObject({
      command: 'deploy-status',
      outcome: 'REPORTED',
      environments: [{ environment: 'production', provider: 'ecs', version: 'v1.1.0', rolloutState: 'COMPLETED' }],
    });
  });

  it('refuses an unknown environment with exit 2 before any AWS call', async () => {
    const result = await deployStatusExecutor({ config: 'deploy.json', environment: 'qa' }, harness.context);
    expect(result).toMatchObject({ success: false, exitCode: 2 });
    expect(harness.out.join('')).toContain('unknown environment "qa": deploy.json defines staging, production');
    expect(harness.ecs.calls()).toHaveLength(0);
  });
});
