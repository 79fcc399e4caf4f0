import { type DeployResult, DeployResultError, resultOfAnnotation, serviceOfJob } from './deploy-result';
import type { GitHubApi, RunJob } from './github-api';

export interface Collected {
  readonly jobs: RunJob[];
  readonly results: Map<number, DeployResult>;
  /** Annotations that claimed to be a result and were not a valid one for their job. */
  readonly rejected: string[];
}

/** The run's jobs and, for each `deploy (<service>)` job, the result its annotation carries. */
export async function collectResults(api: GitHubApi, repository: string, runId: string): Promise<Collected> {
  const jobs = await api.runJobs(repository, runId);
  const results = new Map<number, DeployResult>();
  const rejected: string[] = [];
  for (const job of jobs) {
    const service = serviceOfJob(job.name);
    if (!service) continue;
    for (const annotation of await api.annotations(repository, job)) {
      try {
        const result = resultOfAnnotation(annotation);
        if (!result) continue;
        if (result.service !== service)
          throw new DeployResultError(`it names service "${result.service}", not the job's "${service}"`);
        results.set(job.id, result);
      } catch (error) {
        if (!(error instanceof DeployResultError)) throw error;
        rejected.push(`${job.name}: ignored a result annotation: ${error.message}`);
      }
    }
  }
  return { jobs, results, rejected };
}
