import type { ExecutorContext } from '@nx/devkit';
import { deployCommandIo, runDeployCommand, type DeployCommandResult } from '../../lib/deploy-command';
import type { DeployContinueExecutorSchema } from './schema';

/** `nx run <app>:deploy-continue -- --environment <name>`: CONTINUE at the PAUSE hook, then watch to the end. */
export default async function deployContinueExecutor(
  options: DeployContinueExecutorSchema,
  context: ExecutorContext,
): Promise<DeployCommandResult> {
  return runDeployCommand('deploy-continue', { ...options }, deployCommandIo(context));
}
