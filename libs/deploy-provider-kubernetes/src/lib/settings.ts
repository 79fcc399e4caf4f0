import type { EnvironmentSettings, SettingSpec } from '@slipway/deploy-engine';
import { splitImageRepository } from './image-repository';

export interface KubernetesSettings {
  /** Absent: KUBECONFIG, then ~/.kube/config, then the in-cluster service account. */
  readonly kubeconfig?: string;
  /** Absent: the kubeconfig's current-context. */
  readonly context?: string;
  /** Absent: the context's namespace, else `default` (as kubectl). */
  readonly namespace?: string;
  readonly deployment: string;
  readonly container: string;
  /** Image repository with its registry host, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api`. */
  readonly repository: string;
}

export const KUBERNETES_SETTINGS: readonly SettingSpec[] = [
  {
    name: 'kubeconfig',
    required: false,
    description: 'kubeconfig file; defaults to KUBECONFIG, then ~/.kube/config, then the in-cluster service account',
  },
  { name: 'context', required: false, description: "kubeconfig context; defaults to the kubeconfig's current-context" },
  {
    name: 'namespace',
    required: false,
    description: "namespace of the Deployment; defaults to the context's namespace, else default",
  },
  { name: 'deployment', required: true, description: 'name of the Kubernetes Deployment' },
  {
    name: 'container',
    required: true,
    description: 'name of the container in the pod template whose image is replaced',
  },
  {
    name: 'repository',
    required: true,
    description:
      'image repository with its registry host, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api',
  },
];

/** RFC 1123 label: namespaces and container names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1123 subdomain: Deployment names. */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Pure validation of a Kubernetes environment: every problem at once, each with its fix. */
export function validateKubernetesSettings(settings: EnvironmentSettings): string[] {
  const problems: string[] = [];
  const { kubeconfig, context, namespace, deployment, container, repository } = settings;
  if (kubeconfig !== undefined && kubeconfig.trim() === '')
    problems.push('kubeconfig is empty: give a file path or leave it out for the standard loading order');
  if (context !== undefined && context.trim() === '')
    problems.push('context is empty: name a kubeconfig context or leave it out for the current-context');
  if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
    problems.push(
      `namespace "${namespace}" is not a Kubernetes namespace name (lower-case letters, digits and -, at most 63)`,
    );
  }
  if (deployment !== undefined && !DNS_SUBDOMAIN.test(deployment)) {
    problems.push(`deployment "${deployment}" is not a Kubernetes object name (lower-case letters, digits, - and .)`);
  }
  if (container !== undefined && !DNS_LABEL.test(container)) {
    problems.push(
      `container "${container}" is not a Kubernetes container name (lower-case letters, digits and -, at most 63)`,
    );
  }
  if (repository !== undefined) {
    const parsed = splitImageRepository(repository);
    if (!parsed.ok) problems.push(parsed.problem);
  }
  return problems;
}

export function toKubernetesSettings(settings: EnvironmentSettings): KubernetesSettings {
  return {
    kubeconfig: settings['kubeconfig'],
    context: settings['context'],
    namespace: settings['namespace'],
    deployment: settings['deployment'],
    container: settings['container'],
    repository: settings['repository'],
  };
}
