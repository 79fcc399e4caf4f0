/**
 * The two GitHub REST calls the deploy summary makes, with Node's fetch: the jobs of a workflow run
 * and the annotations of a job's check run. Every request goes to the one API base it was given
 * (GITHUB_API_URL on a runner), so the token never leaves for another host.
 */

/** A job of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`, reduced to what the summary reads. */
export interface RunJob {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly html_url: string | null;
  readonly check_run_url: string;
  readonly steps?: readonly { readonly name: string; readonly conclusion: string | null; readonly number: number }[];
}

/** An annotation of `GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations`. */
export interface CheckAnnotation {
  readonly annotation_level: string | null;
  readonly title: string | null;
  readonly message: string | null;
}

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
}

export interface GitHubApi {
  runJobs(repository: string, runId: string): Promise<RunJob[]>;
  annotations(repository: string, job: RunJob): Promise<CheckAnnotation[]>;
}

/** Page size of both lists (the API's maximum). */
const PER_PAGE = 100;

export function gitHubApi(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): GitHubApi {
  const base = baseUrl.replace(/\/+$/, '');
  /** Every page of a list, following the Link header's rel="next" as GitHub's pagination documents. */
  async function pages<T>(path: string, items: (body: unknown) => T[]): Promise<T[]> {
    const all: T[] = [];
    let url: string | undefined = `${base}${path}${path.includes('?') ? '&' : '?'}per_page=${PER_PAGE}`;
    while (url) {
      if (!url.startsWith(`${base}/`)) throw new GitHubApiError(`refusing to follow a link off ${base}: ${url}`);
      const response = await fetchImpl(url, {
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'slipway-deploy-summary',
        },
        signal: AbortSignal.timeout(30_000),
      }).catch((error: Error) => {
        throw new GitHubApiError(`GET ${url} failed: ${(error.cause as Error | undefined)?.message ?? error.message}`);
      });
      const text = await response.text();
      if (!response.ok) {
        const message = (() => {
          try {
            return (JSON.parse(text) as { message?: string }).message ?? text;
          } catch {
            return text;
          }
        })();
        throw new GitHubApiError(`GET ${url} answered ${response.status}: ${message.slice(0, 200)}`);
      }
      all.push(...items(JSON.parse(text)));
      url = nextLink(response.headers.get('link'));
    }
    return all;
  }
  return {
    runJobs: (repository, runId) =>
      // filter=latest: the latest attempt of each job, so a re-run service shows its new result.
      pages(`/repos/${repository}/actions/runs/${encodeURIComponent(runId)}/jobs?filter=latest`, (body) => {
        const jobs = (body as { jobs?: RunJob[] }).jobs;
        if (!Array.isArray(jobs)) throw new GitHubApiError('the run jobs answer has no "jobs" list');
        return jobs;
      }),
    annotations: async (repository, job) =>
      pages(`/repos/${repository}/check-runs/${checkRunId(job)}/annotations`, (body) => {
        if (!Array.isArray(body)) throw new GitHubApiError('the annotations answer is not a list');
        return body as CheckAnnotation[];
      }),
  };
}

/** A job's check run is the last segment of its check_run_url (the same number as the job id today). */
function checkRunId(job: RunJob): string {
  const id = /\/check-runs\/(\d+)$/.exec(job.check_run_url ?? '')?.[1];
  if (!id) throw new GitHubApiError(`job "${job.name}" has no check run URL: ${String(job.check_run_url)}`);
  return id;
}

export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}
