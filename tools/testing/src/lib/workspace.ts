import { join } from 'node:path';

/** The repository root, from this file's place in it (tools/testing/src/lib). */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');
export const CONTAINER_ENV_SCRIPT = join(WORKSPACE_ROOT, 'tools/ci/container-env.sh');
export const ENSURE_NODE_SCRIPT = join(WORKSPACE_ROOT, 'tools/ci/ensure-node.sh');
export const FRESH_TMPDIR_SCRIPT = join(WORKSPACE_ROOT, 'tools/ci/fresh-tmpdir.sh');
