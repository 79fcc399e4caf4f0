import ts from 'typescript';

/** One relative import or re-export of a module, resolved to the file it names. */
export interface RelativeImport {
  readonly specifier: string;
  readonly file: string;
}

/** Type-only: the compiler erases it (`import type`, or every named binding marked `type`). */
export function isTypeOnly(declaration: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(declaration)) {
    const clause = declaration.exportClause;
    if (declaration.isTypeOnly) return true;
    return (
      !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)
    );
  }
  const clause = declaration.importClause;
  if (!clause) return false; // `import './x'` runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

const BUNDLER: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler };

/**
 * The relative imports and re-exports of one TypeScript source that load a module at run time,
 * resolved the way the compiler resolves them. Type-only imports are left out, as import/no-cycle
 * leaves them out: they are erased, and types that refer to each other (a service and its
 * deployments) are a model, not a cycle. Imports of other projects go through path aliases and are
 * left out too: Nx's enforce-module-boundaries already refuses cycles between projects.
 */
export function relativeImports(file: string, text: string, fileExists: (path: string) => boolean): RelativeImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const host: ts.ModuleResolutionHost = { fileExists, readFile: () => undefined };
  const found: RelativeImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    if (isTypeOnly(statement)) continue;
    const resolved = resolveRelative(specifier.text, file, host);
    if (resolved) found.push({ specifier: specifier.text, file: resolved });
  }
  return found;
}

export function resolveRelative(specifier: string, from: string, host: ts.ModuleResolutionHost): string | undefined {
  return ts.resolveModuleName(specifier, from, BUNDLER, host).resolvedModule?.resolvedFileName;
}

/**
 * The shortest way from `start` back to `home` along relative imports (breadth-first), as the
 * list of files after `home`: `[start, …, home]`; undefined when `start` never leads back.
 */
export function pathBack(
  start: string,
  home: string,
  importsOf: (file: string) => readonly RelativeImport[],
): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === home) {
      const path: string[] = [];
      for (let step: string | undefined = at; step !== undefined; step = cameFrom.get(step)) path.unshift(step);
      return path;
    }
    for (const { file } of importsOf(at)) {
      if (cameFrom.has(file)) continue;
      cameFrom.set(file, at);
      queue.push(file);
    }
  }
  return undefined;
}
