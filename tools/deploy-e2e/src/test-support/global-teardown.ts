import { rmSync } from 'node:fs';
import { CHILD_CACHES_VAR } from '../lib/child-caches';

/** After every spec, passed or failed: the children's caches go. */
export default function globalTeardown(): void {
  const dir = process.env[CHILD_CACHES_VAR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
