import type { ExecutorContext } from '@nx/devkit';
import { ioFor } from '../deploy/executor';
import { runCommand, type CommandResult } from '../deploy/runtime';
import type { RollbackExecutorSchema } from './schema';

/** `nx run <app>:rollback -- --environment <name> [--to vX.Y.Z]`: the deploy path, backwards. */
export default async function rollbackExecutor(
  options: RollbackExecutorSchema,
  context: ExecutorContext,
): Promise<CommandResult> {
  return runCommand('rollback', { ...options }, ioFor(context));
}
