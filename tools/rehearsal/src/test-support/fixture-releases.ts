import { join } from 'node:path';
import { runCommand, type CommandResult } from '@slipway/testing';

export const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'local-app');

export type FixtureBehaviour = 'healthy' | 'unhealthy' | 'exit';

export interface FixtureRelease {
  readonly version: string;
  readonly commit: string;
  readonly behaviour: FixtureBehaviour;
}

/**
 * Builds the fixture app as a release (labels and /version say `version` and `commit`) and pushes it
 * as `<version>` and `sha-<commit>`, the tags publish-image writes. Returns the local image names to remove.
 */
export async function publishFixtureRelease(
  release: FixtureRelease,
  target: { registry: string; repository: string; baseImage: string; env: NodeJS.ProcessEnv },
): Promise<string[]> {
  const image = `${target.registry}/${target.repository}`;
  const tags = [`${image}:${release.version}`, `${image}:sha-${release.commit}`];
  const docker = (...args: string[]) => runCommand('docker', args, { env: target.env, timeoutMs: 300_000 });
  must(
    await docker(
      'build',
      '--quiet',
      '--build-arg',
      `BASE_IMAGE=${target.baseImage}`,
      '--build-arg',
      `APP_VERSION=${release.version}`,
      '--build-arg',
      `APP_COMMIT=${release.commit}`,
      '--build-arg',
      `BEHAVIOUR=${release.behaviour}`,
      ...tags.flatMap((tag) => ['--tag', tag]),
      FIXTURE_APP,
    ),
    `docker build of ${release.version}`,
  );
  for (const tag of tags) must(await docker('push', '--quiet', tag), `docker push ${tag}`);
  return tags;
}

function must(result: CommandResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
}
