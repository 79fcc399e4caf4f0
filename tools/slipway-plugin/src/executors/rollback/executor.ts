import type { ExecutorContext } from '@nx/devkit';
import { deployCommandIo, runDeployCommand, type DeployCommandResult } from '../../lib/deploy-command';
import type { RollbackExecutorSchema } from './schema';

/** `nx run <app>:rollback -- --environment <name> [--to vX.Y.Z]`: the deploy path, backwards. */
export default async function rollbackExecutor(
  options: RollbackExecutorSchema,
  context: ExecutorContext,
): Promise<DeployCommandResult> {
  return runDeployCommand('rollback', { ...options }, deployCommandIo(context));
}
