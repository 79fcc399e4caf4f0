import { formatFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { initGenerator } from '../init/init';
import { createDeployConfig, createFiles, createKubernetesManifests, createProject } from './lib/create-files';
import { addDeployChoice, DEPLOY_WORKFLOW } from './lib/deploy-workflow';
import { normalizeOptions } from './lib/normalize-options';
import type { ServiceGeneratorSchema } from './schema';

/**
 * `nx g @slipway/nx-plugin:service <name>`: a deployable service, ready for `npm test` and
 * `npm run rehearse` with no hand edit. Same steps as @nx/node's application generator: normalise
 * the options (every check before the first write), create the files, create the project.
 */
export async function serviceGenerator(tree: Tree, schema: ServiceGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  await initGenerator(tree, { skipFormat: true });
  createFiles(tree, options);
  createProject(tree, options);
  createDeployConfig(tree, options);
  const manifests = createKubernetesManifests(tree, options);
  const listed = addDeployChoice(tree, options.name);
  if (!options.skipFormat) await formatFiles(tree);
  return () => {
    const from = options.template ? `the environments of ${options.template.name}` : 'the default environments';
    logger.info(
      [
        `${options.name}: ${from}, local port ${options.port}` +
          (manifests.length > 0 ? `, Kubernetes manifests in deploy/kubernetes/${options.name}` : '') +
          (listed ? `, listed in ${DEPLOY_WORKFLOW}` : ''),
        'Next: commit, then npm test and npm run rehearse (docs/runbooks/add-a-service.md).',
      ].join('\n'),
    );
  };
}

export default serviceGenerator;
