import { execFileSync } from 'node:child_process';
import type { PublishRequest } from '@slipway/image-registry';
import type { PublishImageExecutorSchema } from './schema';

export interface PublishImageOptions extends PublishRequest {
  readonly json: boolean;
}

export interface OptionSources {
  /** What reached the executor: the target's options merged with the command line. */
  readonly given: PublishImageExecutorSchema;
  /** The target's own options, to tell a command-line flag from configuration. */
  readonly configured?: PublishImageExecutorSchema;
  readonly env: NodeJS.ProcessEnv;
  readonly gitHead: () => string | undefined;
}

/**
 * Precedence: a flag, then the environment, then the target's configuration. Nx hands over flags and
 * configuration merged, so a value equal to the configured one counts as configuration.
 */
export function resolveOptions({ given, configured = {}, env, gitHead }: OptionSources): PublishImageOptions {
  const flag = <K extends keyof PublishImageExecutorSchema>(key: K) =>
    given[key] !== configured[key] ? given[key] : undefined;
  const fromEnv = (...names: string[]) =>
    names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
  return {
    registry: (flag('registry') ?? fromEnv('IMAGE_REGISTRY', 'ECR_REGISTRY') ?? configured.registry ?? '') as string,
    repository: (flag('repository') ??
      fromEnv('IMAGE_REPOSITORY', 'ECR_REPOSITORY') ??
      configured.repository ??
      '') as string,
    commit: given.commit ?? fromEnv('GITHUB_SHA') ?? gitHead() ?? '',
    version: given.version,
    image: given.image,
    promote: given.promote ?? false,
    auth: given.auth ?? 'auto',
    plainHttp: given.plainHttp ?? false,
    json: given.json ?? false,
  };
}

export function gitHead(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}
