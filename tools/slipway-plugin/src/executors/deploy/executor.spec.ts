import { FAKE_CLUSTER } from '@slipway/deploy-provider-ecs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFakeEcsExecutors } from '../../test-support/fake-ecs-executors';
import { deployCommandIo } from '../../lib/deploy-command';
import deployExecutor from './executor';

describe('deploy executor', () => {
  const harness = useFakeEcsExecutors(
    {
      staging: {
        provider: 'ecs',
        region: 'eu-west-1',
        cluster: 'slipway-staging',
        service: 'api',
        container: 'api',
        repository: 'slipway/api',
      },
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

  it('deploys a healthy version and reports exit 0', async () => {
    const result = await deployExecutor(
      { config: 'deploy.json', version: 'v1.2.0', environment: 'production' },
      harness.context,
    );
    expect(result).toMatchObject({ success: true, exitCode: 0, outcome: 'DEPLOYED' });
    expect(harness.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(harness.out.join('')).toContain('outcome: DEPLOYED (exit 0)');
  });

  it('fails loudly with exit 2 when no version arrives (a bare --version is swallowed by Nx)', async () => {
    const result = await deployExecutor({ config: 'deploy.json', environment: 'production' }, harness.context);
    expect(result).toMatchObject({ success: false, exitCode: 2, outcome: 'INVALID_INPUT' });
    expect(harness.out.join('')).toContain(
      'pass it after "--": nx run api:deploy -- --version vX.Y.Z --environment <name>',
    );
    expect(harness.world.calls).toEqual([]);
  });

  it('--json prints one JSON document on stdout and writes GitHub outputs', async () => {
    harness.world.behave('v1.2.0', 'pull-error');
    const root = harness.context.root;
    process.env['GITHUB_OUTPUT'] = join(root, 'out.txt');
    process.env['GITHUB_STEP_SUMMARY'] = join(root, 'summary.md');
    const result = await deployExecutor(
      { config: 'deploy.json', version: 'v1.2.0', environment: 'production', json: true },
      harness.context,
    );
    expect(result).toMatchObject({ success: false, exitCode: 3, outcome: 'ROLLED_BACK' });
    const doc = JSON.parse(harness.out.join(''));
    // Who rolls back (Slipway, or ECS's circuit breaker first) depends on timing in this live-clock
    // world; the engine's own specs settle it on a simulated clock. Here only the outputs matter.
    expect(doc).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      version: 'v1.2.0',
      rollback: { by: expect.stringMatching(/^(slipway|platform)$/), status: 'COMPLETED' },
    });
    expect(harness.err.join('')).toContain('outcome: ROLLED_BACK (exit 3)');
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toContain('exit-code=3\n');
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toContain('**ROLLED_BACK** (exit 3)');
  });

  it('tells the engine which deploy config the target is configured with', () => {
    expect(
      deployCommandIo({ ...harness.context, target: { options: { config: 'apps/api/deploy.json' } } }).defaultConfig,
    ).toBe('apps/api/deploy.json');
    expect(deployCommandIo(harness.context).defaultConfig).toBeUndefined();
  });
});
