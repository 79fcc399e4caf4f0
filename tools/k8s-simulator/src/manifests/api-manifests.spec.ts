import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { WORKSPACE_ROOT } from '@slipway/deploy-e2e/nx-run';
import { loadKubernetesClient } from '@slipway/deploy-provider-kubernetes';
import { strictSchema } from './strict-schema';

const DIR = join(WORKSPACE_ROOT, 'deploy/kubernetes/api');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown> & { template?: { spec: PodSpec } };
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Record<string, unknown>[];
}

/** Official-schema validators of kubernetes-models (ESM; required by absolute path, as its exports map is import-only). */
type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
function officialValidator(definition: string): Validator {
  return (
    require(join(WORKSPACE_ROOT, 'node_modules/kubernetes-models/_schemas', `${definition}.js`)) as {
      validate: Validator;
    }
  ).validate;
}

const KINDS: Record<string, { official: string; model: string }> = {
  'apps/v1 Deployment': { official: 'IoK8sApiAppsV1Deployment', model: 'V1Deployment' },
  'v1 Service': { official: 'IoK8sApiCoreV1Service', model: 'V1Service' },
  'policy/v1 PodDisruptionBudget': { official: 'IoK8sApiPolicyV1PodDisruptionBudget', model: 'V1PodDisruptionBudget' },
};

function manifests(): Manifest[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => d.toJS() as Manifest));
}

function validate(manifest: Manifest): string[] {
  const kind = KINDS[`${manifest.apiVersion} ${manifest.kind}`];
  if (!kind) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
  const official = officialValidator(kind.official);
  const strict = new Ajv({ allErrors: true, strict: false }).compile(
    strictSchema(kind.model, loadKubernetesClient() as unknown as Record<string, unknown>),
  );
  const problems: string[] = [];
  if (!official(manifest))
    problems.push(...(official.errors ?? []).map((e) => `official schema: ${JSON.stringify(e)}`));
  if (!strict(manifest))
    problems.push(
      ...(strict.errors ?? []).map((e) => `strict: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
    );
  return problems;
}

describe('deploy/kubernetes/api manifests', () => {
  const all = manifests();
  const deployment = all.find((m) => m.kind === 'Deployment')!;
  const pod = deployment.spec.template!.spec;
  const api = pod.containers.find((c) => c['name'] === 'api')!;

  it('are a Deployment, a Service and a PodDisruptionBudget, valid against the official schemas, strictly (unknown fields rejected)', () => {
    expect(all.map((m) => m.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
    for (const manifest of all) expect([manifest.kind, validate(manifest)]).toEqual([manifest.kind, []]);
  });

  it('the validation can fail: a misspelt field, a wrong type and a missing required field are each caught', () => {
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

  it('rolls one pod at a time and never below the desired count; probes on /readyz and /healthz', () => {
    expect(deployment.spec['strategy']).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    expect(api['readinessProbe']).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(api['livenessProbe']).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
  });

  it('gives the app more time to stop than the preStop drain plus its own shutdown timeout', () => {
    const env = Object.fromEntries((api['env'] as { name: string; value: string }[]).map((e) => [e.name, e.value]));
    const preStop = (api['lifecycle'] as { preStop: { sleep: { seconds: number } } }).preStop.sleep.seconds;
    const shutdownSeconds =
      (Number(env['SHUTDOWN_TIMEOUT_MS'] ?? 10_000) + Number(env['SHUTDOWN_DRAIN_DELAY_MS'] ?? 0)) / 1000;
    expect(preStop).toBeGreaterThanOrEqual(3);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdownSeconds);
  });

  it('runs as non-root on a read-only root filesystem without privileges', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(api['securityContext']).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('the Service and the budget select the Deployment pods', () => {
    const labels = (deployment.spec.template as unknown as { metadata: { labels: Record<string, string> } }).metadata
      .labels;
    for (const other of all.filter((m) => m !== deployment)) {
      const selector =
        (other.spec['selector'] as { matchLabels?: Record<string, string> }).matchLabels ??
        (other.spec['selector'] as Record<string, string>);
      for (const [key, value] of Object.entries(selector))
        expect([other.kind, labels[key]]).toEqual([other.kind, value]);
    }
  });
});
