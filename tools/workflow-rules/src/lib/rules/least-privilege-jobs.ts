import { type Finding, finding, jobPlace } from '../finding';
import { type Job, type Workflow, actionName } from '../model/workflow';

export const LEAST_PRIVILEGE_JOBS = 'least-privilege-jobs';

interface WriteGrant {
  /** What a job must contain for this write scope to be justified. */
  readonly neededBy: string;
  readonly needed: (job: Job) => boolean;
}

const usesAction = (prefix: string) => (job: Job) =>
  job.steps.some((step) => (actionName(step.uses) ?? '').startsWith(prefix));
/** semantic-release directly, or through the repository's `npm run release` wrapper. */
const runsSemanticRelease = (job: Job) =>
  job.steps.some((step) => /\bsemantic-release\b|\bnpm run release(?![\w:-])/.test(step.run ?? ''));

/** The only write scopes Slipway's workflows need, and the steps that need them. */
const WRITE_GRANTS: Readonly<Record<string, WriteGrant>> = {
  'id-token': {
    neededBy: 'aws-actions/configure-aws-credentials (OIDC)',
    needed: usesAction('aws-actions/configure-aws-credentials'),
  },
  contents: { neededBy: 'semantic-release (pushes the release tag)', needed: runsSemanticRelease },
  issues: { neededBy: 'semantic-release (release comments)', needed: runsSemanticRelease },
  'pull-requests': { neededBy: 'semantic-release (release comments)', needed: runsSemanticRelease },
  'security-events': { neededBy: 'github/codeql-action (SARIF upload)', needed: usesAction('github/codeql-action/') },
};

/**
 * Each job writes only where one of its own steps needs it: `id-token` for AWS OIDC,
 * `contents`/`issues`/`pull-requests` for the release, `security-events` for code scanning.
 */
export function leastPrivilegeJobs(workflow: Workflow): Finding[] {
  return workflow.jobs.flatMap((job) =>
    jobProblems(job).map((message) => finding(LEAST_PRIVILEGE_JOBS, workflow, jobPlace(job), message)),
  );
}

function jobProblems(job: Job): string[] {
  const { permissions } = job;
  if (permissions === undefined || permissions === 'read-all') return [];
  if (permissions === 'write-all') return [`job "${job.id}" grants write-all: list only the scopes its steps need`];
  return Object.entries(permissions)
    .filter(([, level]) => level === 'write')
    .flatMap(([scope]) => {
      const grant = WRITE_GRANTS[scope];
      if (grant === undefined)
        return [`job "${job.id}" grants ${scope}: write, which no Slipway step needs: remove it`];
      if (grant.needed(job)) return [];
      return [
        `job "${job.id}" grants ${scope}: write but has no step that needs it (only ${grant.neededBy} does): remove it`,
      ];
    });
}
