import { isReleaseVersion } from '@slipway/versioning';
import { DeployError, ProviderError } from '../errors';
import { retryThrottled } from '../timing/retry';
import type { RunContext } from './context';
import type { PreparedTarget } from './prepare';

/** How far back the chain of recorded revisions is followed. */
const MAX_HOPS = 20;

/**
 * The version to go back to: follow the "previous revision" Slipway records on every revision it
 * creates, skipping revisions of the version running now (redeploys), until another version shows.
 */
export async function findPreviousVersion(prepared: PreparedTarget, context: RunContext): Promise<string> {
  const { provider, environment } = prepared;
  try {
    const target = await retryThrottled('read target', () => provider.readTarget(), context);
    const current = target.current;
    let previousId = current.previousId;
    for (let hop = 0; previousId && hop < MAX_HOPS; hop++) {
      const id = previousId;
      const revision = await retryThrottled('read revision', () => provider.readRevision(id), context);
      if (revision.version && isReleaseVersion(revision.version) && revision.version !== current.version) {
        context.say(
          `previous version: ${revision.version} (${revision.label}); ` +
            `now running ${current.version ?? 'an unrecorded version'} (${current.label})`,
        );
        return revision.version;
      }
      previousId = revision.previousId;
    }
    throw new DeployError(
      'PREFLIGHT_FAILED',
      `no previous version is recorded on ${current.label} in ${environment.name} ` +
        '(Slipway records it on every revision it deploys); name one: --to vX.Y.Z',
    );
  } catch (error) {
    if (error instanceof ProviderError) {
      throw new DeployError(
        'PREFLIGHT_FAILED',
        `pre-flight failed: ${error.operation}: ${error.message}. Nothing was changed.`,
      );
    }
    throw error;
  }
}
