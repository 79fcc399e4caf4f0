import type { ExecutorContext } from '@nx/devkit';
import { deployCommandIo, runDeployCommand, type DeployCommandResult } from '../../lib/deploy-command';
import type { DeployExecutorSchema } from './schema';

/**
 * `nx run <app>:deploy -- --version vX.Y.Z --environment <name>`. Thin: the engine does the work.
 * Returns the distinct exit code as `exitCode` (bin/slipway.js exits with it; Nx collapses to 1).
 */
export default async function deployExecutor(
  options: DeployExecutorSchema,
  context: ExecutorContext,
): Promise<DeployCommandResult> {
  return runDeployCommand('deploy', { ...options }, deployCommandIo(context));
}
