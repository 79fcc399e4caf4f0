import type { EnvironmentSettings, SettingSpec } from '@slipway/deploy-engine';

export interface EcsSettings {
  /** Absent: the AWS SDK's chain decides (AWS_REGION, AWS_PROFILE's region). */
  readonly region?: string;
  readonly cluster: string;
  readonly service: string;
  readonly container: string;
  /** ECR repository name, e.g. `slipway/api`. */
  readonly repository: string;
}

export const ECS_SETTINGS: readonly SettingSpec[] = [
  {
    name: 'region',
    required: false,
    description: 'AWS region of the cluster and repository; defaults to the AWS SDK chain (AWS_REGION, profile)',
  },
  { name: 'cluster', required: true, description: 'ECS cluster name or ARN' },
  { name: 'service', required: true, description: 'ECS service name or ARN' },
  {
    name: 'container',
    required: true,
    description: 'name of the container in the task definition whose image is replaced',
  },
  {
    name: 'repository',
    required: true,
    description: 'ECR repository name holding the release images, e.g. slipway/api',
  },
];

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;
const ECS_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:(cluster|service)\/[A-Za-z0-9/_-]+$/;
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Pure validation of an ECS environment: every problem at once, each with its fix. */
export function validateEcsSettings(settings: EnvironmentSettings): string[] {
  const problems: string[] = [];
  const { region, cluster, service, container, repository } = settings;
  if (region !== undefined && !REGION.test(region))
    problems.push(`region "${region}" is not an AWS region name (e.g. eu-west-1)`);
  for (const [key, value] of [
    ['cluster', cluster],
    ['service', service],
  ] as const) {
    if (value !== undefined && !NAME.test(value) && !ECS_ARN.test(value)) {
      problems.push(`${key} "${value}" is neither an ECS ${key} name (letters, digits, - and _) nor an ARN`);
    }
  }
  if (container !== undefined && !NAME.test(container))
    problems.push(`container "${container}" is not a valid container name (letters, digits, - and _)`);
  if (repository !== undefined && !REPOSITORY.test(repository)) {
    problems.push(
      `repository "${repository}" is not an ECR repository name (lower-case, e.g. slipway/api; not a URI or tag)`,
    );
  }
  return problems;
}

export function toEcsSettings(settings: EnvironmentSettings): EcsSettings {
  return {
    region: settings['region'],
    cluster: settings['cluster'],
    service: settings['service'],
    container: settings['container'],
    repository: settings['repository'],
  };
}
