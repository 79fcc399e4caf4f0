import { annotation, type FakeGitHubApi, runJob, startFakeGitHubApi } from '../../test-support/fake-github-api';
import { gitHubApi, GitHubApiError, nextLink } from './github-api';

describe('the GitHub API client of the deploy summary (real HTTP, a fake GitHub)', () => {
  let github: FakeGitHubApi;

  beforeEach(async () => {
    github = await startFakeGitHubApi({ token: 'ghs_test', pageSize: 2 });
  });
  afterEach(() => github.close());

  it("reads every page of a run's jobs, latest attempts only, with the token and API version", async () => {
    const jobs = [1, 2, 3, 4, 5].map((id) =>
      runJob(github, { id, runId: 42, name: `deploy (svc-${id})`, conclusion: 'success' }),
    );
    github.runs.set('42', jobs);
    const listed = await gitHubApi(github.url, 'ghs_test').runJobs('acme/shop', '42');
    expect(listed.map((job) => job.id)).toEqual([1, 2, 3, 4, 5]);
    expect(github.requests.map((r) => r.path)).toEqual([
      '/repos/acme/shop/actions/runs/42/jobs?filter=latest&per_page=100',
      '/repos/acme/shop/actions/runs/42/jobs?filter=latest&per_page=100&page=2',
      '/repos/acme/shop/actions/runs/42/jobs?filter=latest&per_page=100&page=3',
    ]);
    expect(new Set(github.requests.map((r) => r.authorization))).toEqual(new Set(['Bearer ghs_test']));
  });

  it("reads a job's annotations from its check run, on the API base it was given", async () => {
    const job = runJob(github, { id: 77, runId: 42, name: 'deploy (api)', conclusion: 'success' });
    github.annotations.set(77, [annotation('notice', 'slipway deploy result', '{}')]);
    const api = gitHubApi(`${github.url}/`, 'ghs_test');
    expect(
      await api.annotations('acme/shop', {
        ...job,
        check_run_url: 'https://elsewhere.example/repos/x/y/check-runs/77',
      }),
    ).toEqual([annotation('notice', 'slipway deploy result', '{}')]);
    expect(github.requests.map((r) => r.path)).toEqual(['/repos/acme/shop/check-runs/77/annotations?per_page=100']);
    await expect(api.annotations('acme/shop', { ...job, check_run_url: '' })).rejects.toThrow('has no check run URL');
  });

  it('reports what GitHub answered when it refuses: status, message and URL', async () => {
    await expect(gitHubApi(github.url, 'wrong').runJobs('acme/shop', '42')).rejects.toThrow(
      `GET ${github.url}/repos/acme/shop/actions/runs/42/jobs?filter=latest&per_page=100 answered 401: Bad credentials`,
    );
    github.fail = { status: 403, message: 'Resource not accessible by integration' };
    await expect(gitHubApi(github.url, 'ghs_test').runJobs('acme/shop', '42')).rejects.toThrow(
      /answered 403: Resource not accessible by integration/,
    );
  });

  it('does not follow a next link to another host with the token', async () => {
    const offBase = (async () =>
      new Response(JSON.stringify({ total_count: 3, jobs: [] }), {
        status: 200,
        headers: { link: '<https://evil.example/next>; rel="next"' },
      })) as unknown as typeof fetch;
    await expect(gitHubApi(github.url, 'ghs_test', offBase).runJobs('acme/shop', '42')).rejects.toThrow(GitHubApiError);
  });

  it('reads rel="next" among the other links of a Link header', () => {
    expect(
      nextLink('<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next"'),
    ).toBe('https://api.github.com/x?page=3');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
