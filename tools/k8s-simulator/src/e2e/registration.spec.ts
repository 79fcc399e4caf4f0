import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeployConfig, resolveEnvironment } from '@slipway/deploy-engine';
import { KUBERNETES_SETTINGS, kubernetesProviderFactory } from '@slipway/deploy-provider-kubernetes';
import { WORKSPACE_ROOT } from '@slipway/deploy-e2e/nx-run';

const read = (path: string) => readFileSync(join(WORKSPACE_ROOT, path), 'utf8');

describe('the kubernetes provider as the executors see it', () => {
  it.each(['deploy', 'rollback', 'deploy-status'])('%s takes a flag for every kubernetes setting', (executor) => {
    const schema = JSON.parse(read(`tools/slipway-plugin/src/executors/${executor}/schema.json`)) as {
      properties: Record<string, { type: string }>;
    };
    for (const setting of KUBERNETES_SETTINGS)
      expect([setting.name, schema.properties[setting.name]?.type]).toEqual([setting.name, 'string']);
  });

  it('the kubernetes example environment of apps/api/deploy.json is valid as it stands', () => {
    const config = parseDeployConfig(read('apps/api/deploy.json'), 'apps/api/deploy.json');
    expect(resolveEnvironment(config, 'kubernetes', {}, [kubernetesProviderFactory]).settings).toMatchObject({
      deployment: 'api',
      container: 'api',
      namespace: 'slipway',
    });
  });
});
