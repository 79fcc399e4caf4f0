import { splitImageRepository } from './image-repository';
import { KUBERNETES_SETTINGS, toKubernetesSettings, validateKubernetesSettings } from './settings';

describe('kubernetes settings', () => {
  const valid = {
    deployment: 'api',
    container: 'api',
    repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api',
    namespace: 'prod',
    context: 'eks-prod',
  };

  it('accepts a complete environment', () => {
    expect(validateKubernetesSettings(valid)).toEqual([]);
    expect(toKubernetesSettings({ ...valid, kubeconfig: '/k' })).toEqual({ ...valid, kubeconfig: '/k' });
  });

  it('reports every problem at once, each naming the setting and the fix', () => {
    const problems = validateKubernetesSettings({
      kubeconfig: ' ',
      context: '',
      namespace: 'Prod_1',
      deployment: 'API!',
      container: 'Api',
      repository: 'slipway/api:v1',
    });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/kubeconfig is empty/);
    expect(problems.join('\n')).toMatch(/context is empty/);
    expect(problems.join('\n')).toMatch(/namespace "Prod_1"/);
    expect(problems.join('\n')).toMatch(/deployment "API!"/);
    expect(problems.join('\n')).toMatch(/container "Api"/);
    expect(problems.join('\n')).toMatch(/repository "slipway\/api:v1" has no registry host/);
  });

  it('reads kubeconfig, context and namespace optionally and the rest as required', () => {
    expect(KUBERNETES_SETTINGS.filter((s) => s.required).map((s) => s.name)).toEqual([
      'deployment',
      'container',
      'repository',
    ]);
  });
});

describe('image repositories', () => {
  it('needs a registry host and maps docker.io to its API host', () => {
    expect(splitImageRepository('ghcr.io/acme/api')).toEqual({
      ok: true,
      name: 'ghcr.io/acme/api',
      registry: 'ghcr.io',
      path: 'acme/api',
    });
    expect(splitImageRepository('127.0.0.1:5000/slipway/api')).toMatchObject({ ok: true, registry: '127.0.0.1:5000' });
    expect(splitImageRepository('localhost/api')).toMatchObject({ ok: true, registry: 'localhost' });
    expect(splitImageRepository('docker.io/acme/api')).toMatchObject({
      ok: true,
      name: 'docker.io/acme/api',
      registry: 'registry-1.docker.io',
    });
    expect(splitImageRepository('api')).toMatchObject({ ok: false });
    expect(splitImageRepository('ghcr.io/Acme/API')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not an image repository/),
    });
    expect(splitImageRepository('ghcr.io/acme/api@sha256:abc')).toMatchObject({ ok: false });
  });
});
