import type { ExecutorContext } from '@nx/devkit';
import { ioFor } from '../deploy/executor';
import { runCommand, type CommandResult } from '../deploy/runtime';
import type { DeployStatusExecutorSchema } from './schema';

/** `nx run <app>:deploy-status [-- --environment <name>]`: what runs where. Read-only. */
export default async function deployStatusExecutor(
  options: DeployStatusExecutorSchema,
  context: ExecutorContext,
): Promise<CommandResult> {
  return runCommand('deploy-status', { ...options }, ioFor(context));
}
