/**
 * The deploy path, in order: the one numbering of its phases (1 = prepare). The docs number their
 * steps from this list, and phases.spec.ts checks them; the code names phases, never numbers them.
 */
export const PHASES = [
  {
    title: 'Prepare',
    does: 'validate the request and the environment, pick the provider; no remote call',
    source: 'run/prepare.ts',
  },
  { title: 'Resolve', does: 'version tag → digest; a missing tag fails here', source: 'phases/resolve.ts' },
  { title: 'Plan', does: 'read the target, build the revision that changes only the image', source: 'phases/plan.ts' },
  { title: 'Guard', does: 'refuse while another rollout is moving, unless forced', source: 'phases/guard.ts' },
  { title: 'Apply', does: 'create the revision and start the rollout, once', source: 'phases/apply.ts' },
  {
    title: 'Watch',
    does: 'poll that rollout until it completes, fails, is superseded or times out',
    source: 'phases/watch.ts',
  },
  { title: 'Roll back', does: 'get the stable revision primary and stable again', source: 'phases/rollback.ts' },
  {
    title: 'Report',
    does: 'the outcome, its exit code, the summary and the GitHub outputs',
    source: 'report/report.ts',
  },
] as const;
