import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { loadKubernetesClient } from '@slipway/deploy-provider-kubernetes';
import { WORKSPACE_ROOT } from '@slipway/testing';
import { strictSchema } from './strict-schema';

/** Each service keeps its manifests in its own folder here; the service generator adds one per service. */
export const MANIFESTS_ROOT = join(WORKSPACE_ROOT, 'deploy/kubernetes');

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown> & { template?: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}
export interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Record<string, unknown>[];
}
export interface ManifestFile {
  readonly file: string;
  readonly manifest: Manifest;
}

/** The names a `kubernetes` environment of a service's deploy.json deploys to. */
export interface KubernetesTarget {
  readonly environment: string;
  readonly namespace: string;
  readonly deployment: string;
  readonly container: string;
  readonly repository: string;
}

/** The services with manifests: the folders of deploy/kubernetes, whatever they are called. */
export function servicesWithManifests(root = MANIFESTS_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every YAML document of deploy/kubernetes/<service>, with the file it came from. */
export function manifestsOf(service: string, root = MANIFESTS_ROOT): ManifestFile[] {
  const dir = join(root, service);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .flatMap((name) =>
      parseAllDocuments(readFileSync(join(dir, name), 'utf8')).map((doc) => ({
        file: join(dir, name),
        manifest: doc.toJS() as Manifest,
      })),
    );
}

/** The services whose apps/<name>/deploy.json has an environment with the kubernetes provider. */
export function servicesDeployedToKubernetes(workspace = WORKSPACE_ROOT): string[] {
  const apps = join(workspace, 'apps');
  return readdirSync(apps)
    .filter((name) => existsSync(join(apps, name, 'deploy.json')))
    .filter((name) => kubernetesTargets(name, workspace).length > 0)
    .sort();
}

export function kubernetesTargets(service: string, workspace = WORKSPACE_ROOT): KubernetesTarget[] {
  const file = join(workspace, 'apps', service, 'deploy.json');
  if (!existsSync(file)) return [];
  const { environments } = JSON.parse(readFileSync(file, 'utf8')) as {
    environments: Record<string, Record<string, string>>;
  };
  return Object.entries(environments)
    .filter(([, settings]) => settings['provider'] === 'kubernetes')
    .map(([environment, settings]) => ({
      environment,
      namespace: settings['namespace'],
      deployment: settings['deployment'],
      container: settings['container'],
      repository: settings['repository'],
    }));
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

const strictValidators = new Map<string, ReturnType<Ajv['compile']>>();
function strictValidator(model: string): ReturnType<Ajv['compile']> {
  let validator = strictValidators.get(model);
  if (!validator) {
    validator = new Ajv({ allErrors: true, strict: false }).compile(
      strictSchema(model, loadKubernetesClient() as unknown as Record<string, unknown>),
    );
    strictValidators.set(model, validator);
  }
  return validator;
}

/** What the official schema (types, required fields, enums) and the strict one (no unknown field) say. */
export function validate(manifest: Manifest): string[] {
  const kind = KINDS[`${manifest.apiVersion} ${manifest.kind}`];
  if (!kind) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
  const official = officialValidator(kind.official);
  const strict = strictValidator(kind.model);
  const problems: string[] = [];
  if (!official(manifest))
    problems.push(...(official.errors ?? []).map((e) => `official schema: ${JSON.stringify(e)}`));
  if (!strict(manifest))
    problems.push(
      ...(strict.errors ?? []).map((e) => `strict: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
    );
  return problems;
}
