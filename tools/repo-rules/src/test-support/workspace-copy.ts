import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './git-sandbox';

/** What the hooks and CLIs need from the workspace, as `npm ci` would leave it in a fresh clone. */
const TOOLING = [
  'package.json',
  'commitlint.config.js',
  'tsconfig.base.json',
  'tools/ts-sources.cjs',
  '.husky',
  'tools/repo-rules/bin',
  'tools/repo-rules/src',
];

/** Copies the working tree's tooling (not the last commit's) into `dir` and links the installed node_modules. */
export function copyWorkspaceTooling(dir: string): void {
  for (const path of TOOLING) {
    cpSync(join(WORKSPACE_ROOT, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
