import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type CreateNodes, type CreateNodesResult, createNodesFromFiles } from '@nx/devkit';
import { ESLINT_CONFIG, lintTarget } from './lint-target';
import { imageRepository, slipwayTargets } from './slipway-targets';

/** A deployable service is an app with a deploy config: apps/<name>/deploy.json. */
export const DEPLOY_CONFIG_GLOB = 'apps/*/deploy.json';
/** A project that lints has an ESLint config of its own beside its project.json. */
export const ESLINT_CONFIG_GLOB = `**/${ESLINT_CONFIG}`;

/**
 * Infers publish-image, deploy, rollback, deploy-continue and deploy-status for every deployable service, the way
 * @nx/docker infers docker:build from a Dockerfile, and lint for every project with an ESLint config, as
 * @nx/eslint/plugin did without loading ESLint. project.json keeps only real overrides, which Nx merges over
 * these (project.json is read last). One createNodes (Nx takes one per plugin), keyed on both marker files.
 *
 * No PluginCache, unlike @nx/docker: reading two small JSON files per project costs less than the
 * hash of the project's files that such a cache would be keyed on.
 */
export const createNodes: CreateNodes = [
  `{${DEPLOY_CONFIG_GLOB},${ESLINT_CONFIG_GLOB}}`,
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile, _options, { workspaceRoot }) =>
        basename(configFile) === ESLINT_CONFIG
          ? lintedProjectNode(configFile, workspaceRoot)
          : deployableProjectNode(configFile, workspaceRoot),
      configFiles,
      options,
      context,
    ),
];

/** @deprecated Nx 21–22 read this name; Nx 23 reads createNodes and Nx 24 drops the alias. */
export const createNodesV2 = createNodes;

function deployableProjectNode(configFile: string, workspaceRoot: string): CreateNodesResult {
  const root = dirname(configFile);
  const name = projectName(root, workspaceRoot);
  const repository = imageRepository(readJson(join(workspaceRoot, configFile)));
  return { projects: { [root]: { root, ...slipwayTargets({ root, name, repository }) } } };
}

/**
 * Only where a project is (its project.json or package.json, as @nx/eslint asked): the workspace's own
 * config at the root, or one in a folder that is no project, must not make one.
 */
function lintedProjectNode(configFile: string, workspaceRoot: string): CreateNodesResult {
  const root = dirname(configFile);
  const isProject = ['project.json', 'package.json'].some((file) => existsSync(join(workspaceRoot, root, file)));
  return root !== '.' && isProject ? { projects: { [root]: { root, targets: { lint: lintTarget(root) } } } } : {};
}

/** The name project.json gives, else the folder's (what Nx itself would call the project). */
function projectName(root: string, workspaceRoot: string): string {
  const projectJson = join(workspaceRoot, root, 'project.json');
  const name = existsSync(projectJson) ? (readJson(projectJson) as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name !== '' ? name : basename(root);
}

/**
 * A file that does not parse yields undefined rather than an error: one broken deploy.json must not
 * break every Nx command of the workspace. The deploy targets read it again and report it precisely.
 */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
