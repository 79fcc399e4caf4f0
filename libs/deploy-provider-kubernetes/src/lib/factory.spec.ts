import { invalidInput } from '@slipway/deploy-engine';
import { createKubernetesProviderFactory, kubernetesProviderFactory } from './factory';
import { FakeKubeApi } from './test-support/fake-kube-api';

describe('the kubernetes provider factory', () => {
  it('is named kubernetes, validates purely and creates a provider over the connection it is given', () => {
    expect(kubernetesProviderFactory.name).toBe('kubernetes');
    expect(
      kubernetesProviderFactory.validate({ deployment: 'api', container: 'api', repository: 'nope' }),
    ).toHaveLength(1);
    const kube = new FakeKubeApi();
    const connect = jest.fn(() => kube);
    const factory = createKubernetesProviderFactory({
      connect,
      registry: () => async () => ({
        resolveTag: async () => undefined,
        readLabels: async () => ({}),
        listTags: async () => [],
      }),
    });
    const settings = { deployment: 'api', container: 'api', repository: 'ghcr.io/acme/api', context: 'prod' };
    const provider = factory.create(settings, { environment: 'production', env: { KUBECONFIG: '/k' } });
    expect(provider.description).toBe('Kubernetes deployment api in namespace prod (context test)');
    expect(connect).toHaveBeenCalledWith(expect.objectContaining({ context: 'prod', repository: 'ghcr.io/acme/api' }), {
      KUBECONFIG: '/k',
    });
    expect(kube.calls).toEqual([]);
    expect(() => factory.create({ ...settings, repository: 'api' }, { environment: 'x', env: {} })).toThrow(
      /no registry host/,
    );
  });

  it('keeps a kubeconfig problem for the first call, so status can report it per environment', async () => {
    const factory = createKubernetesProviderFactory({
      connect: () => {
        throw invalidInput('no kubeconfig found');
      },
    });
    const provider = factory.create(
      { deployment: 'api', container: 'api', repository: 'ghcr.io/acme/api' },
      { environment: 'x', env: {} },
    );
    expect(provider.description).toBe(
      'Kubernetes deployment api in namespace of the context (context current-context)',
    );
    await expect(provider.readTarget()).rejects.toMatchObject({
      outcome: 'INVALID_INPUT',
      message: 'no kubeconfig found',
    });
    await expect(provider.status()).rejects.toThrow('no kubeconfig found');
  });
});
