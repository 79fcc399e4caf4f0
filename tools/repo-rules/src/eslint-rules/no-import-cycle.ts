import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import type { Rule } from 'eslint';
import { pathBack, type RelativeImport, relativeImports, resolveRelative } from './relative-imports';

/** Parsed imports by file, kept while the file is unchanged: one lint run parses each file once. */
const parsed = new Map<string, { readonly mtimeMs: number; readonly imports: readonly RelativeImport[] }>();

function importsOnDisk(file: string): readonly RelativeImport[] {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const known = parsed.get(file);
  if (known?.mtimeMs === mtimeMs) return known.imports;
  const imports = relativeImports(file, readFileSync(file, 'utf8'), existsSync);
  parsed.set(file, { mtimeMs, imports });
  return imports;
}

/**
 * `slipway/no-import-cycle`: a relative import whose module leads back, through relative imports,
 * to the importing file. The message names the whole loop. Modules of a project form a pipeline
 * (a phase's pure core, then its I/O edge); a loop means two of them share a piece that belongs
 * in a module of its own. Type-only imports are erased and do not count (see relativeImports).
 */
export const noImportCycle: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'refuse relative imports that lead back to the importing module' },
    messages: {
      cycle: 'import cycle: {{loop}}. Move what these modules share into a module of its own.',
    },
    schema: [],
  },
  create(context) {
    const home = context.filename;
    const ownImports = relativeImports(home, context.sourceCode.text, existsSync);
    const importsOf = (file: string) => (file === home ? ownImports : importsOnDisk(file));
    const check = (node: Rule.Node, source: unknown) => {
      const specifier = (source as { value?: unknown } | null)?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.') || erased(node as unknown as TypeScriptImport))
        return;
      const start = resolveRelative(specifier, home, { fileExists: existsSync, readFile: () => undefined });
      const loop = start && pathBack(start, home, importsOf);
      if (loop) context.report({ node, messageId: 'cycle', data: { loop: describeLoop([home, ...loop]) } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
    };
  },
};

/** What typescript-eslint's parser adds to import and export nodes (ESLint's own types lack it). */
interface TypeScriptImport {
  readonly importKind?: string;
  readonly exportKind?: string;
  readonly specifiers?: readonly { readonly importKind?: string; readonly exportKind?: string }[];
}

/** `import type`, `export type … from`, or every named binding marked `type`: gone at run time. */
function erased(node: TypeScriptImport): boolean {
  const typeOnly = (kinds: { readonly importKind?: string; readonly exportKind?: string }) =>
    kinds.importKind === 'type' || kinds.exportKind === 'type';
  if (typeOnly(node)) return true;
  return !!node.specifiers && node.specifiers.length > 0 && node.specifiers.every(typeOnly);
}

/** `watch.ts → ../run/context.ts → watch.ts`: each file relative to the first one's folder. */
export function describeLoop(files: readonly string[]): string {
  const folder = dirname(files[0]);
  return files.map((file) => (dirname(file) === folder ? basename(file) : relative(folder, file))).join(' → ');
}
