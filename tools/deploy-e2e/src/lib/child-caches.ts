import { join } from 'node:path';

/** Set by the Jest global setup for one run of this project's specs: the directory the caches below share. */
export const CHILD_CACHES_VAR = 'SLIPWAY_E2E_CHILD_CACHES';

/**
 * Caches for the `nx run` and slipway.js children of one test run, which each load the same Nx, plugin and
 * engine code again (about 1.7 CPU-s per `nx run api:deploy-status`, 1.1 s with these):
 * - Node's compile cache (NODE_COMPILE_CACHE): V8 code for every module, instead of compiling it per process;
 * - the project graph Nx computed for this run (NX_FORCE_REUSE_CACHED_GRAPH, read by nx 23's
 *   createProjectGraphAsync), instead of loading every plugin to compute it again. Without a cached graph
 *   Nx computes it as usual.
 * None when the variable is unset (a spec run without the global setup): the children then work as before.
 */
export function childCacheEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const dir = env[CHILD_CACHES_VAR];
  if (!dir) return {};
  return {
    NODE_COMPILE_CACHE: join(dir, 'node'),
    NX_FORCE_REUSE_CACHED_GRAPH: 'true',
  };
}
