import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { EnvironmentSettings } from '@slipway/deploy-engine';
import { EcsProvider } from './ecs-provider';
import { toEcsSettings } from './settings';

export interface AwsClients {
  readonly ecs: ECSClient;
  readonly ecr: ECRClient;
}

/**
 * Clients from the AWS SDK's standard chain: credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO,
 * roles), endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_ECR). The region
 * comes from the environment's settings when set, else from the chain (AWS_REGION, profile).
 */
export function defaultAwsClients(region: string | undefined): AwsClients {
  const config = region ? { region } : {};
  return { ecs: new ECSClient(config), ecr: new ECRClient(config) };
}

/** What `ecsProviderFactory.create` loads on first use (see factory.ts): the provider over its clients. */
export function createEcsProvider(
  settings: EnvironmentSettings,
  clients: (region: string | undefined) => AwsClients = defaultAwsClients,
): EcsProvider {
  const ecsSettings = toEcsSettings(settings);
  const { ecs, ecr } = clients(ecsSettings.region);
  return new EcsProvider(ecsSettings, ecs, ecr);
}
