import { parseRegistryHost, parseRepository } from '@slipway/image-registry/reference';

export interface ImageRepository {
  /** As written in the pod template: `ghcr.io/acme/api`, `docker.io/acme/api`. */
  readonly name: string;
  /** Host the registry API is reached on (`registry-1.docker.io` for `docker.io`). */
  readonly registry: string;
  readonly path: string;
}

export type ParsedRepository = ({ ok: true } & ImageRepository) | { ok: false; problem: string };

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io']);

/**
 * `<registry-host>/<path>`, the way a pod template names images. The host is required (no
 * implicit Docker Hub): a bare `slipway/api` would be pulled from Docker Hub, never what is meant.
 */
export function splitImageRepository(input: string): ParsedRepository {
  const value = input.trim();
  const slash = value.indexOf('/');
  const host = slash > 0 ? value.slice(0, slash) : '';
  const looksLikeHost = host.includes('.') || host.includes(':') || host === 'localhost';
  if (!looksLikeHost) {
    return {
      ok: false,
      problem: `repository "${input}" has no registry host: write it as the pod pulls it, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api or ghcr.io/acme/api (no tag, no digest)`,
    };
  }
  const path = value.slice(slash + 1);
  try {
    const registry = parseRegistryHost(host);
    parseRepository(path);
    return {
      ok: true,
      name: `${registry}/${path}`,
      registry: DOCKER_HUB.has(registry) ? 'registry-1.docker.io' : registry,
      path,
    };
  } catch (error) {
    return {
      ok: false,
      problem: `repository "${input}" is not an image repository: ${(error as Error).message} (no tag, no digest)`,
    };
  }
}
