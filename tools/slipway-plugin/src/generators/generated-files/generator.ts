import { formatFiles, type Tree } from '@nx/devkit';
import { GENERATED_FILES } from './files';

/**
 * `npx nx sync` (a global sync generator, nx.json): writes every file, or region of one, generated
 * from the one source of what it says: the executors' schema.json and schema.d.ts from
 * executors/schemas.ts, the exit-code lists from the deploy engine's OUTCOMES and publish-image's
 * exit codes. `npx nx sync:check` and the drift test in files.spec.ts fail while they differ.
 */
export default async function generatedFilesGenerator(tree: Tree): Promise<{ outOfSyncMessage?: string }> {
  for (const file of GENERATED_FILES) tree.write(file.path, file.render(tree.read(file.path, 'utf-8') ?? ''));
  await formatFiles(tree);
  const stale = tree.listChanges().map((change) => change.path);
  return stale.length === 0
    ? {}
    : { outOfSyncMessage: `Generated from one source and out of date: ${stale.join(', ')}.` };
}
