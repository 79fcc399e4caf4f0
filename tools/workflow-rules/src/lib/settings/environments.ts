import type { Finding } from '../finding';

export const ENVIRONMENTS = 'environments';

export interface EnvironmentSettings {
  prevent_self_review?: boolean;
  deployment_branch_policy?: { protected_branches?: boolean; custom_branch_policies?: boolean } | null;
}

/**
 * Every environment deploy.yml offers has settings in `.github/environments/<name>.json`
 * (`PUT /repos/{owner}/{repo}/environments/<name>`), and an entry in every service's deploy config
 * (deploy.yml can deploy any service, or all of them, there). Deployments come from main only;
 * production also forbids approving your own deploy.
 */
export function checkEnvironments(
  offered: readonly string[],
  settings: Readonly<Record<string, EnvironmentSettings>>,
  deployConfigs: Readonly<Record<string, readonly string[]>>,
): Finding[] {
  const problems: [file: string, message: string][] = [];
  for (const name of offered) {
    const file = `.github/environments/${name}.json`;
    const environment = settings[name];
    for (const [config, environments] of Object.entries(deployConfigs))
      if (!environments.includes(name))
        problems.push([config, `deploy.yml offers "${name}" but ${config} has no such environment`]);
    if (environment === undefined) {
      problems.push([file, `deploy.yml offers "${name}" but ${file} does not exist`]);
      continue;
    }
    const policy = environment.deployment_branch_policy;
    if (policy?.custom_branch_policies !== true)
      problems.push([
        file,
        'deployments are limited to main: set deployment_branch_policy.custom_branch_policies and add the "main" branch policy',
      ]);
    if (name === 'production' && environment.prevent_self_review !== true)
      problems.push([file, 'production sets "prevent_self_review": true']);
  }
  for (const name of Object.keys(settings).filter((n) => !offered.includes(n))) {
    problems.push([`.github/environments/${name}.json`, `environment "${name}" is not offered by deploy.yml`]);
  }
  return problems.map(([file, message]) => ({ rule: ENVIRONMENTS, file, line: 1, path: '(environment)', message }));
}
