import { commitShaTag } from '@slipway/versioning';
import { invalidInput } from './errors';

/**
 * Names as the OCI distribution spec defines them, checked before any request so that a typo
 * fails with a fix instead of a registry error halfway through a publish.
 */
const HOST_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const REGISTRY_HOST = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?$`);
const REPOSITORY_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${REPOSITORY_COMPONENT}(?:/${REPOSITORY_COMPONENT})*$`);
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/**
 * The `sha-<full commit>` tag, kept under its old name for the callers that still import it from here.
 * @deprecated import `commitShaTag` from `@slipway/versioning`, which owns the image tag rules.
 */
export const commitTag: (commit: string) => string = commitShaTag;

export function parseRegistryHost(input: string): string {
  const value = input.trim();
  if (/^[a-z]+:\/\//i.test(value)) {
    throw invalidInput(
      `registry ${JSON.stringify(input)} has a scheme: give the host only, e.g. ${value.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')}`,
    );
  }
  if (value.includes('/')) {
    throw invalidInput(
      `registry ${JSON.stringify(input)} contains a path: put the host in --registry and the path in --repository`,
    );
  }
  if (!REGISTRY_HOST.test(value)) {
    throw invalidInput(
      `registry ${JSON.stringify(input)} is not a host[:port], e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com or 127.0.0.1:5055`,
    );
  }
  return value.toLowerCase();
}

export function parseRepository(input: string): string {
  const value = input.trim();
  if (!REPOSITORY.test(value) || value.length > 255) {
    throw invalidInput(
      `repository ${JSON.stringify(input)} is not a valid OCI repository name: lowercase path components of [a-z0-9] joined by . _ __ or -, separated by /, e.g. slipway/api`,
    );
  }
  return value;
}

/** Docker talks plain HTTP to loopback registries by default; everything else is HTTPS unless told otherwise. */
export function registryBaseUrl(host: string, plainHttp = false): string {
  return `${plainHttp || LOOPBACK.test(host) ? 'http' : 'https'}://${host}`;
}
