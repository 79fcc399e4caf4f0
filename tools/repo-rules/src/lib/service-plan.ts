import type { AffectedRange, ProjectsWithTarget } from './nx-projects';

/** The target that makes an app a service with an image (@nx/docker infers it from apps/<name>/Dockerfile). */
export const IMAGE_TARGET = 'docker:build';
/** The target that makes a service deployable (the Slipway plugin infers it from apps/<name>/deploy.json). */
export const DEPLOY_TARGET = 'deploy';
/** deploy.yml's choice for "every service at one version". */
export const ALL_SERVICES = 'all';

export interface ServicePlan {
  readonly services: readonly string[];
  /** One sentence a reader of the build log can check. */
  readonly why: string;
}

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

/**
 * build.yml's rule: one version, every service. A release tags every service's image vX.Y.Z, and
 * that image must say vX.Y.Z and the release commit in /version (both are baked in at build time),
 * so a release builds every service at the release commit. Without a release, only the services
 * the push affected get a new sha-<commit> image; no base yet (a first run): every service.
 */
export async function buildPlan(
  input: { readonly released: boolean; readonly range?: AffectedRange },
  projectsWithTarget: ProjectsWithTarget,
): Promise<ServicePlan> {
  if (input.released)
    return {
      services: await projectsWithTarget(IMAGE_TARGET),
      why: 'a version was released: every service gets an image built at the release commit',
    };
  if (!input.range)
    return { services: await projectsWithTarget(IMAGE_TARGET), why: 'no base commit to compare with: every service' };
  const { base, head } = input.range;
  return {
    services: await projectsWithTarget(IMAGE_TARGET, input.range),
    why: `no release: the services affected between ${base.slice(0, 12)} and ${head.slice(0, 12)}`,
  };
}

/** deploy.yml's rule: one named service, or every project with a deploy target. */
export async function deployPlan(service: string, projectsWithTarget: ProjectsWithTarget): Promise<ServicePlan> {
  const deployable = await projectsWithTarget(DEPLOY_TARGET);
  if (service === ALL_SERVICES) return { services: deployable, why: 'every service with a deploy target' };
  if (!deployable.includes(service))
    throw new PlanError(
      `"${service}" is not a deployable service (no deploy target); the services are: ${deployable.join(', ') || 'none'}`,
    );
  return { services: [service], why: `the service asked for` };
}
