import { join } from 'node:path';
import { addProjectConfiguration, generateFiles, type Tree, writeJson } from '@nx/devkit';
import { defaultDeployConfig, deployConfigLike } from './deploy-config';
import { manifestLike } from './kubernetes-manifests';
import type { NormalizedServiceOptions } from './normalize-options';

export const KUBERNETES_DIR = 'deploy/kubernetes';

/** The service's sources and tests, its configs, its Dockerfile and the Dockerfile's own ignore file. */
export function createFiles(tree: Tree, options: NormalizedServiceOptions): void {
  generateFiles(tree, join(__dirname, '..', 'files'), options.projectRoot, {
    name: options.name,
    propertyName: options.propertyName,
    tmpl: '',
  });
}

/**
 * project.json holds what no plugin infers: the esbuild bundle the image copies, tests after the
 * build (they run the bundle), a dev server on the service's local port, and docker:run on the
 * image's real tag (@nx/docker's own uses the folder slug, nrwl/nx#34230). test comes from @nx/jest,
 * docker:build from @nx/docker, lint (from eslint.config.mjs) and the deploy targets from the Slipway plugin.
 */
export function createProject(tree: Tree, options: NormalizedServiceOptions): void {
  const { name, projectRoot } = options;
  addProjectConfiguration(tree, name, {
    root: projectRoot,
    sourceRoot: `${projectRoot}/src`,
    projectType: 'application',
    tags: ['type:app', `scope:${name}`],
    targets: {
      build: {
        executor: '@nx/esbuild:esbuild',
        outputs: ['{options.outputPath}'],
        options: {
          main: `${projectRoot}/src/main.ts`,
          outputPath: `dist/${projectRoot}`,
          tsConfig: `${projectRoot}/tsconfig.app.json`,
          platform: 'node',
          format: ['cjs'],
          bundle: true,
          thirdParty: true,
          generatePackageJson: false,
          // The typecheck target type-checks; the bundle need not do it again (tsc, ~3 CPU-s a build).
          skipTypeCheck: true,
          esbuildOptions: { sourcemap: true, outExtension: { '.js': '.js' } },
        },
      },
      typecheck: {},
      test: { dependsOn: ['build'] },
      serve: {
        executor: 'nx:run-commands',
        dependsOn: ['build'],
        continuous: true,
        options: {
          command: `node dist/${projectRoot}/main.js`,
          cwd: '{workspaceRoot}',
          env: { PORT: String(options.port) },
        },
      },
      'docker:run': { options: { command: `docker run {args} ${name}` } },
    },
  });
}

/** apps/<name>/deploy.json: the environments of the workspace's first service, or a default set. */
export function createDeployConfig(tree: Tree, options: NormalizedServiceOptions): void {
  const { template, name, port } = options;
  writeJson(
    tree,
    `${options.projectRoot}/deploy.json`,
    template ? deployConfigLike(template, name, port) : defaultDeployConfig(name, port),
  );
}

/** deploy/kubernetes/<name>/, from the template service's manifests, when the workspace keeps manifests. */
export function createKubernetesManifests(tree: Tree, options: NormalizedServiceOptions): string[] {
  const from = options.template?.name;
  if (!from || !tree.exists(`${KUBERNETES_DIR}/${from}`)) return [];
  const written: string[] = [];
  for (const file of tree.children(`${KUBERNETES_DIR}/${from}`).filter((f) => /\.ya?ml$/.test(f))) {
    const target = `${KUBERNETES_DIR}/${options.name}/${file}`;
    tree.write(target, manifestLike(tree.read(`${KUBERNETES_DIR}/${from}/${file}`, 'utf-8') ?? '', from, options.name));
    written.push(target);
  }
  return written;
}
