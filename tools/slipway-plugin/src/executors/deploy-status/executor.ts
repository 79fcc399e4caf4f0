import type { ExecutorContext } from '@nx/devkit';
import { deployCommandIo, runDeployCommand, type DeployCommandResult } from '../../lib/deploy-command';
import type { DeployStatusExecutorSchema } from './schema';

/** `nx run <app>:deploy-status [-- --environment <name>]`: what runs where. Read-only. */
export default async function deployStatusExecutor(
  options: DeployStatusExecutorSchema,
  context: ExecutorContext,
): Promise<DeployCommandResult> {
  return runDeployCommand('deploy-status', { ...options }, deployCommandIo(context));
}
