import { createKubernetesProviderFactory, kubernetesProviderFactory } from './factory';
import { FakeKubeApi } from './test-support/fake-kube-api';

describe('the kubernetes provider factory', () => {
  it('is named kubernetes, validates purely and creates a provider over the connection it is given', () => {
    expect(kubernetesProviderFactory.name).toBe('kubernetes');
    expect(kubernetesProviderFactory.validate({ deployment: 'api', container: 'api', repository: 'nope' })).toHaveLength(1);
    const kube = new FakeKubeApi();
    const connect = jest.fn(() => kube);
    const factory = createKubernetesProviderFactory({ connect, registry: () => async () => ({ resolveTag: async () => undefined, readLabels: async () => ({}), listTags: async () => [] }) });
    const settings = { deployment: 'api', container: 'api', repository: 'ghcr.io/acme/api', context: 'prod' };
    const provider = factory.create(settings, { environment: 'production', env: { KUBECONFIG: '/k' } });
    expect(provider.description).toBe('Kubernetes deployment api in namespace prod (context test)');
    expect(connect).toHaveBeenCalledWith(expect.objectContaining({ context: 'prod', repository: 'ghcr.io/acme/api' }), { KUBECONFIG: '/k' });
    expect(kube.calls).toEqual([]);
    expect(() => factory.create({ ...settings, repository: 'api' }, { environment: 'x', env: {} })).toThrow(/no registry host/);
  });
});
