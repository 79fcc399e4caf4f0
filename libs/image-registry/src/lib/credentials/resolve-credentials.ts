import type { ECRClient } from '@aws-sdk/client-ecr';
import { invalidInput, registryFailure } from '../errors';
import type { Credentials } from '../registry-client';
import { dockerConfigCredentials, type DockerConfigSource } from './docker-config-credentials';
import { ecrCredentials, parseEcrRegistry } from './ecr-credentials';

export const AUTH_MODES = ['auto', 'docker', 'ecr', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface ResolvedCredentials {
  readonly credentials?: Credentials;
  /** docker-login: `docker push` already has them; ecr: they must be handed to `docker push`. */
  readonly source: 'docker-login' | 'ecr' | 'anonymous';
}

export interface CredentialSources {
  readonly dockerConfig?: DockerConfigSource;
  readonly ecrClient?: ECRClient;
}

/**
 * auto: an existing `docker login` wins (it is what the operator chose); an ECR host falls back to the
 * AWS SDK's authorization token; anything else is anonymous (a local registry).
 */
export async function resolveCredentials(
  registry: string,
  mode: AuthMode = 'auto',
  sources: CredentialSources = {},
): Promise<ResolvedCredentials> {
  if (!AUTH_MODES.includes(mode)) {
    throw invalidInput(`auth ${JSON.stringify(mode)} is not one of ${AUTH_MODES.join(', ')}`);
  }
  if (mode === 'none') return { source: 'anonymous' };
  const ecr = parseEcrRegistry(registry);
  if (mode === 'ecr' && !ecr) {
    throw invalidInput(`--auth ecr needs an ECR registry (<account>.dkr.ecr.<region>.amazonaws.com), not ${registry}`);
  }
  if (mode !== 'ecr') {
    const fromDocker = await dockerConfigCredentials(registry, sources.dockerConfig);
    if (fromDocker) return { credentials: fromDocker, source: 'docker-login' };
    if (mode === 'docker')
      throw registryFailure(`no docker login for ${registry}: run \`docker login ${registry}\` first`);
  }
  if (ecr) return { credentials: await ecrCredentials(ecr, sources.ecrClient), source: 'ecr' };
  return { source: 'anonymous' };
}
