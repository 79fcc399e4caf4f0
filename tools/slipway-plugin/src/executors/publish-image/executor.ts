import type { ExecutorContext } from '@nx/devkit';
import { gitHead, resolveOptions } from './options';
import { runPublishImage } from './run';
import type { PublishImageExecutorSchema } from './schema';

/**
 * `nx run api:publish-image [-- --version vX.Y.Z]`. Thin: options in, the image-registry lib does the work.
 * Returns the distinct exit code as `exitCode`; Nx itself exits 1 on any failure (the CLI keeps the code).
 */
export default async function publishImageExecutor(
  options: PublishImageExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean; exitCode: number }> {
  const target =
    context.projectName && context.targetName
      ? context.projectsConfigurations?.projects[context.projectName]?.targets?.[context.targetName]
      : undefined;
  const resolved = resolveOptions({
    given: options,
    configured: (target?.options ?? {}) as PublishImageExecutorSchema,
    env: process.env,
    gitHead: () => gitHead(context.root),
  });
  const exitCode = await runPublishImage(resolved, {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
  });
  return { success: exitCode === 0, exitCode };
}
