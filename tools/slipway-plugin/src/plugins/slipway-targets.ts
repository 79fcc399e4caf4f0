import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import executors from '../../package/executors.json';

/** What a deployable project tells the plugin about itself. */
export interface DeployableProject {
  readonly root: string;
  readonly name: string;
  /** Where its images live in the registry (a repository path such as slipway/api), when deploy.json agrees on one. */
  readonly repository?: string;
}

export const SLIPWAY_TARGET_GROUP = 'Slipway';
const EXECUTOR_PACKAGE = '@slipway/nx-plugin';
type SlipwayExecutor = keyof typeof executors.executors;

/** How each target is best called, for `nx show project --web` and the project details view. */
const EXAMPLES: Record<SlipwayExecutor, string[]> = {
  'publish-image': ['--', '--commit', '<40-hex commit>', '--version', 'v1.2.0'],
  deploy: ['--', '--version', 'v1.2.0', '--environment', 'staging'],
  rollback: ['--', '--environment', 'staging'],
  'deploy-continue': ['--', '--environment', 'staging'],
  'deploy-status': ['--', '--environment', 'staging'],
};

/**
 * The targets the plugin infers for one deployable project. Pure. Options carry only what comes
 * from the project (its image, repository and deploy config); every other option keeps its
 * executor's schema default, so the schema stays the one source of those.
 */
export function slipwayTargets(project: DeployableProject): Pick<ProjectConfiguration, 'targets' | 'metadata'> {
  const config = `${project.root}/deploy.json`;
  const target = (name: SlipwayExecutor, options: Record<string, unknown>): TargetConfiguration => ({
    executor: `${EXECUTOR_PACKAGE}:${name}`,
    options,
    metadata: {
      technologies: ['slipway'],
      description: executors.executors[name].description,
      help: {
        // Nx prints the executor's schema for `--help` before the `--`.
        command: `npx nx run ${project.name}:${name} --help`,
        example: { args: EXAMPLES[name] },
      },
    },
  });
  const targets: Record<SlipwayExecutor, TargetConfiguration> = {
    // The tag docker:build gives the image (nx.json: --tag {projectName}).
    'publish-image': target('publish-image', {
      image: project.name,
      ...(project.repository ? { repository: project.repository } : {}),
    }),
    deploy: target('deploy', { config }),
    rollback: target('rollback', { config }),
    'deploy-continue': target('deploy-continue', { config }),
    'deploy-status': target('deploy-status', { config }),
  };
  return { targets, metadata: { targetGroups: { [SLIPWAY_TARGET_GROUP]: Object.keys(targets) } } };
}

/**
 * The one repository path every environment of a deploy config names, with any registry host
 * stripped (slipway/api from both "slipway/api" and "1234.dkr.ecr.eu-west-1.amazonaws.com/slipway/api").
 * Undefined when they disagree or name none: then publish-image needs --repository.
 */
export function imageRepository(deployConfig: unknown): string | undefined {
  const environments = (deployConfig as { environments?: unknown } | null)?.environments;
  if (typeof environments !== 'object' || environments === null) return undefined;
  const paths = new Set<string>();
  for (const [name, settings] of Object.entries(environments)) {
    const repository = (settings as { repository?: unknown } | null)?.repository;
    if (name.startsWith('$') || typeof repository !== 'string' || repository === '') continue;
    paths.add(withoutRegistryHost(repository));
  }
  return paths.size === 1 ? [...paths][0] : undefined;
}

/** A first path segment with a dot or a port, or "localhost", is a registry host (the Docker reference rule). */
function withoutRegistryHost(repository: string): string {
  const [first, ...rest] = repository.split('/');
  return rest.length > 0 && (/[.:]/.test(first) || first === 'localhost') ? rest.join('/') : repository;
}
