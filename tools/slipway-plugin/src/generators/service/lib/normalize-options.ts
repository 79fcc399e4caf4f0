import { getProjects, names, type Tree } from '@nx/devkit';
import type { ServiceGeneratorSchema } from '../schema';
import { type DeployConfigFile, localPorts } from './deploy-config';

export interface NormalizedServiceOptions {
  readonly name: string;
  /** The name as a TypeScript identifier prefix: job-runner → jobRunner (jobRunnerService). */
  readonly propertyName: string;
  readonly projectRoot: string;
  /** Its port in the local environment. */
  readonly port: number;
  /** The deployable service whose environments and manifests the new one takes (the first by name). */
  readonly template?: { readonly name: string; readonly root: string; readonly config: DeployConfigFile };
  readonly skipFormat: boolean;
}

export class ServiceOptionsError extends Error {
  override readonly name = 'ServiceOptionsError';
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** deploy.yml's choice for "every service". */
const RESERVED = ['all'];

/** Validates everything before a file is written, so a refused name changes nothing. */
export function normalizeOptions(tree: Tree, schema: ServiceGeneratorSchema): NormalizedServiceOptions {
  const name = schema.name;
  if (!NAME.test(name) || name.length > 40)
    throw new ServiceOptionsError(
      `"${name}" is not a service name: use lower-case words joined by dashes, at most 40 characters (e.g. job-runner)`,
    );
  if (RESERVED.includes(name))
    throw new ServiceOptionsError(`"${name}" is reserved: deploy.yml uses it for every service at once`);
  const projectRoot = `apps/${name}`;
  if (getProjects(tree).has(name)) throw new ServiceOptionsError(`a project named "${name}" already exists`);
  if (tree.exists(projectRoot)) throw new ServiceOptionsError(`${projectRoot} already exists`);

  const deployable = deployableServices(tree);
  const taken = localPorts(deployable.map((service) => service.config));
  if (schema.port !== undefined && taken.includes(schema.port))
    throw new ServiceOptionsError(`local port ${schema.port} is taken by another service: pick another --port`);
  return {
    name,
    propertyName: names(name).propertyName,
    projectRoot,
    port: schema.port ?? Math.max(2999, ...taken) + 1,
    template: deployable[0],
    skipFormat: schema.skipFormat ?? false,
  };
}

/** apps/<name>/deploy.json of every deployable service, by folder name (what the Slipway plugin keys on). */
function deployableServices(tree: Tree): { name: string; root: string; config: DeployConfigFile }[] {
  if (!tree.exists('apps')) return [];
  return tree
    .children('apps')
    .sort()
    .map((app) => ({ name: app, root: `apps/${app}` }))
    .filter(({ root }) => tree.isFile(`${root}/deploy.json`))
    .map((service) => ({ ...service, config: readConfig(tree, `${service.root}/deploy.json`) }));
}

function readConfig(tree: Tree, path: string): DeployConfigFile {
  try {
    return JSON.parse(tree.read(path, 'utf-8') ?? '') as DeployConfigFile;
  } catch (error) {
    throw new ServiceOptionsError(`cannot read ${path}: ${(error as Error).message}; fix it first`);
  }
}
