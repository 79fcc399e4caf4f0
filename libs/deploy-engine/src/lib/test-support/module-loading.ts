import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs `run` in a fresh module registry in which loading any of `modules` (package names or
 * absolute paths) throws `<module> was loaded`, and returns its result; the stand-ins are gone
 * when it returns. A spec's proof that an entry point stays light: a provider's factory must not
 * load its SDK or its implementation before `create`.
 */
export function withoutLoading<T>(modules: readonly string[], run: () => T): T {
  let result: T | undefined;
  try {
    jest.isolateModules(() => {
      for (const module of modules)
        jest.doMock(module, () => {
          throw new Error(`${module} was loaded`);
        });
      result = run();
    });
  } finally {
    // doMock outlives isolateModules: the rest of the spec file loads the real modules again.
    for (const module of modules) jest.dontMock(module);
  }
  return result as T;
}

/** The modules of a source folder (absolute paths, not its specs or subfolders), but `except`. */
export function modulesIn(dir: string, except: readonly string[]): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !except.includes(file))
    .map((file) => join(dir, file));
}
