import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHILD_CACHES_VAR } from '../lib/child-caches';

// Not nx-run.ts's: Jest loads this file with Node's resolution, without the @slipway/* aliases it imports.
const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/**
 * Once per Jest run, before the workers start (they inherit this process's environment): the directory of the
 * children's caches (lib/child-caches.ts), and a project graph cached for them to reuse. Under Nx (a task of
 * `nx run deploy-e2e:test`) Nx has just computed and cached it; run alone, Jest has `nx` compute it first.
 */
export default function globalSetup(): void {
  // First the graph: should nx fail, Jest stops before any test, and there is no directory to remove yet.
  if (!process.env['NX_TASK_TARGET_PROJECT'])
    execFileSync(process.execPath, [require.resolve('nx/bin/nx', { paths: [WORKSPACE_ROOT] }), 'show', 'projects'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  process.env[CHILD_CACHES_VAR] = mkdtempSync(join(tmpdir(), 'slipway-e2e-caches-'));
}
