import {
  kubernetesTargets,
  type Manifest,
  manifestsOf,
  servicesDeployedToKubernetes,
  servicesWithManifests,
  validate,
} from './service-manifests';

const SERVICES = servicesWithManifests();

describe('deploy/kubernetes', () => {
  it('holds a folder for exactly the services whose deploy.json deploys to Kubernetes', () => {
    expect(SERVICES.length).toBeGreaterThan(0);
    expect(SERVICES).toEqual(servicesDeployedToKubernetes());
  });

  it('the validation can fail: a misspelt field, a wrong type and a missing required field are each caught', () => {
    const deployment = manifestsOf(SERVICES[0])
      .map(({ manifest }) => manifest)
      .find((m) => m.kind === 'Deployment')!;
    const misspelt = structuredClone(deployment);
    (misspelt.spec.template!.spec.containers[0] as Record<string, unknown>)['readynessProbe'] = {};
    expect(validate(misspelt).join('\n')).toMatch(
      /strict: \/spec\/template\/spec\/containers\/0 must NOT have additional properties \{"additionalProperty":"readynessProbe"\}/,
    );
    const mistyped = structuredClone(deployment);
    mistyped.spec['replicas'] = 'two';
    expect(validate(mistyped).join('\n')).toMatch(/official schema: .*"instancePath":"\/spec\/replicas"/);
    const incomplete = structuredClone(deployment);
    delete incomplete.spec['selector'];
    expect(validate(incomplete).join('\n')).toMatch(/"missingProperty":"selector"/);
  });
});

describe.each(SERVICES)('deploy/kubernetes/%s manifests', (service) => {
  const all = manifestsOf(service).map(({ manifest }) => manifest);
  const deployment = all.find((m) => m.kind === 'Deployment')!;
  const pod = deployment.spec.template!.spec;
  const targets = kubernetesTargets(service);
  const container = pod.containers.find((c) => c['name'] === targets[0]?.container)!;

  it('are a Deployment, a Service and a PodDisruptionBudget, valid against the official schemas, strictly (unknown fields rejected)', () => {
    expect(all.map((m) => m.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
    for (const manifest of all) expect([manifest.kind, validate(manifest)]).toEqual([manifest.kind, []]);
  });

  it(`name the namespace, Deployment and container apps/${service}/deploy.json deploys to`, () => {
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const where = `deploy.json environment "${target.environment}"`;
      expect([where, deployment.metadata.name]).toEqual([where, target.deployment]);
      expect([where, pod.containers.map((c) => c['name'])]).toEqual([where, [target.container]]);
      for (const manifest of all)
        expect([where, manifest.kind, manifest.metadata.namespace]).toEqual([where, manifest.kind, target.namespace]);
    }
  });

  it('rolls one pod at a time and never below the desired count; probes on /readyz and /healthz', () => {
    expect(deployment.spec['strategy']).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    expect(container['readinessProbe']).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(container['livenessProbe']).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
  });

  it('gives the app more time to stop than the preStop drain plus its own shutdown timeout', () => {
    const env = Object.fromEntries(
      (container['env'] as { name: string; value: string }[]).map((e) => [e.name, e.value]),
    );
    const preStop = (container['lifecycle'] as { preStop: { sleep: { seconds: number } } }).preStop.sleep.seconds;
    const shutdownSeconds =
      (Number(env['SHUTDOWN_TIMEOUT_MS'] ?? 10_000) + Number(env['SHUTDOWN_DRAIN_DELAY_MS'] ?? 0)) / 1000;
    expect(preStop).toBeGreaterThanOrEqual(3);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdownSeconds);
  });

  it('runs as non-root on a read-only root filesystem without privileges', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container['securityContext']).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('the Service and the budget select the Deployment pods', () => {
    const labels = deployment.spec.template!.metadata.labels;
    for (const other of all.filter((m: Manifest) => m !== deployment)) {
      const selector =
        (other.spec['selector'] as { matchLabels?: Record<string, string> }).matchLabels ??
        (other.spec['selector'] as Record<string, string>);
      for (const [key, value] of Object.entries(selector))
        expect([other.kind, labels[key]]).toEqual([other.kind, value]);
    }
  });
});
