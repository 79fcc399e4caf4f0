import type { ExecutorContext } from '@nx/devkit';
import { ioFor } from '../deploy/executor';
import { runCommand, type CommandResult } from '../deploy/runtime';
import type { DeployContinueExecutorSchema } from './schema';

/** `nx run <app>:deploy-continue -- --environment <name>`: CONTINUE at the PAUSE hook, then watch. */
export default async function deployContinueExecutor(
  options: DeployContinueExecutorSchema,
  context: ExecutorContext,
): Promise<CommandResult> {
  return runCommand('deploy-continue', { ...options }, ioFor(context));
}
