import type * as EcrSdk from '@aws-sdk/client-ecr';
import { registryFailure } from '../errors';
import type { Credentials } from '../registry-client';

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

export interface EcrRegistry {
  readonly accountId: string;
  readonly region: string;
}

export function parseEcrRegistry(registry: string): EcrRegistry | undefined {
  const match = ECR_HOST.exec(registry);
  return match ? { accountId: match[1], region: match[2] } : undefined;
}

/**
 * The registry password for ECR: GetAuthorizationToken returns base64 `AWS:<password>`, valid for 12 hours.
 * Credentials come from the SDK's default chain (env, profile, web identity in CI, instance role).
 * The SDK loads here, on first use: loading it costs ~0.05 CPU-s, which every process that imports
 * this library (each deploy reads its providers' settings through it) would pay for a registry that
 * is mostly not ECR (a rehearsal's is local).
 */
export async function ecrCredentials(ecr: EcrRegistry, client?: EcrSdk.ECRClient): Promise<Credentials> {
  const { ECRClient, GetAuthorizationTokenCommand } = require('@aws-sdk/client-ecr') as typeof EcrSdk;
  const ecrClient = client ?? new ECRClient({ region: ecr.region });
  let token: string | undefined;
  try {
    const output = await ecrClient.send(new GetAuthorizationTokenCommand({}));
    token = output.authorizationData?.[0]?.authorizationToken;
  } catch (error) {
    throw registryFailure(
      `ECR GetAuthorizationToken failed in ${ecr.region}: ${(error as Error).message}. ` +
        'Provide AWS credentials allowed to call ecr:GetAuthorizationToken, or run `docker login` for the registry first',
      error,
    );
  }
  const decoded = token ? Buffer.from(token, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 1) throw registryFailure(`ECR GetAuthorizationToken in ${ecr.region} returned no usable token`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
