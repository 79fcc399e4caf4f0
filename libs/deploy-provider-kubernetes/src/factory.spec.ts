import { join } from 'node:path';
import { modulesIn, withoutLoading } from '@slipway/deploy-engine/testing';
import type * as Entry from './factory';
import { KubernetesProvider } from './lib/kubernetes-provider';
import { FakeKubeApi } from './lib/test-support/fake-kube-api';

// Everything but the factory, its pure settings and the image-name parsing they use: each module
// of the provider, @kubernetes/client-node and the registry client (the settings parse names
// through @slipway/image-registry/reference only).
const HEAVY = [
  '@kubernetes/client-node',
  '@slipway/image-registry',
  ...modulesIn(join(__dirname, 'lib'), ['factory.ts', 'settings.ts', 'image-repository.ts']),
];
const settings = { deployment: 'api', container: 'api', repository: 'ghcr.io/acme/api', namespace: 'prod' };
const context = { environment: 'production', env: {} };

describe('the light entry point @slipway/deploy-provider-kubernetes/factory', () => {
  it('names the provider, lists and validates its settings without loading the provider or its client', () => {
    withoutLoading(HEAVY, () => {
      const { kubernetesProviderFactory } = require('./factory') as typeof Entry;
      expect(kubernetesProviderFactory.name).toBe('kubernetes');
      expect(kubernetesProviderFactory.settings.map((setting) => setting.name)).toContain('deployment');
      expect(kubernetesProviderFactory.validate(settings)).toEqual([]);
      expect(kubernetesProviderFactory.validate({ ...settings, repository: 'nope' })).toHaveLength(1);
      expect(() => kubernetesProviderFactory.create(settings, context)).toThrow('create-provider.ts was loaded');
    });
  });

  it('loads the provider in create, over the connection it is given', () => {
    const { createKubernetesProviderFactory } = require('./factory') as typeof Entry;
    const provider = createKubernetesProviderFactory({ connect: () => new FakeKubeApi() }).create(settings, context);
    expect(provider).toBeInstanceOf(KubernetesProvider);
    expect(provider.description).toBe('Kubernetes deployment api in namespace prod (context test)');
  });
});
