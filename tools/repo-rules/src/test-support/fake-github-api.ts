import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A GitHub REST API on 127.0.0.1 for the two reads of the deploy summary, answering in the shapes of
 * `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs` ({ total_count, jobs: [...] }, paginated
 * with a Link header) and `GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations` (a list).
 * Wrong token: 401 "Bad credentials", as GitHub answers.
 */
export interface FakeGitHubApi {
  readonly url: string;
  readonly requests: { readonly path: string; readonly authorization?: string }[];
  /** Jobs of a run, by run id. */
  readonly runs: Map<string, FakeJob[]>;
  /** Annotations of a check run, by check run id (= job id). */
  readonly annotations: Map<number, FakeAnnotation[]>;
  /** Answer every request with this status and message instead. */
  fail?: { status: number; message: string };
  close(): Promise<void>;
}

export type FakeJob = ReturnType<typeof runJob>;
export type FakeAnnotation = ReturnType<typeof annotation>;

export async function startFakeGitHubApi(options: { token: string; pageSize: number }): Promise<FakeGitHubApi> {
  const server: Server = createServer((request, response) => answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeGitHubApi = {
    url,
    requests: [],
    runs: new Map(),
    annotations: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const target = new URL(request.url ?? '/', url);
    fake.requests.push({ path: `${target.pathname}${target.search}`, authorization: request.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (fake.fail) return send(fake.fail.status, { message: fake.fail.message, status: String(fake.fail.status) });
    if (request.headers.authorization !== `Bearer ${options.token}`)
      return send(401, { message: 'Bad credentials', status: '401' });
    const jobs = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/jobs$/.exec(target.pathname);
    if (jobs) {
      const all = fake.runs.get(jobs[1]);
      if (!all) return send(404, { message: 'Not Found', status: '404' });
      const page = Number(target.searchParams.get('page') ?? '1');
      const size = Math.min(options.pageSize, Number(target.searchParams.get('per_page') ?? '30'));
      const next = new URL(target);
      next.searchParams.set('page', String(page + 1));
      const headers: Record<string, string> = page * size < all.length ? { link: `<${next.href}>; rel="next"` } : {};
      return send(200, { total_count: all.length, jobs: all.slice((page - 1) * size, page * size) }, headers);
    }
    const checks = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)\/annotations$/.exec(target.pathname);
    if (checks) return send(200, fake.annotations.get(Number(checks[1])) ?? []);
    return send(404, { message: 'Not Found', status: '404' });
  }
  return fake;
}

/** A job as the jobs endpoint lists it (every field of the documented example). */
export function runJob(
  fake: { url: string },
  job: {
    id: number;
    runId: number;
    name: string;
    conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
    status?: 'queued' | 'in_progress' | 'completed';
    steps?: { name: string; conclusion: 'success' | 'failure' | 'skipped' | 'cancelled' | null }[];
  },
) {
  const at = '2026-12-05T10:00:00Z';
  return {
    id: job.id,
    run_id: job.runId,
    workflow_name: 'deploy',
    head_branch: 'main',
    run_url: `${fake.url}/repos/acme/shop/actions/runs/${job.runId}`,
    run_attempt: 1,
    node_id: `CR_kwDO${job.id}`,
    head_sha: 'a'.repeat(40),
    url: `${fake.url}/repos/acme/shop/actions/jobs/${job.id}`,
    html_url: `https://github.com/acme/shop/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status ?? 'completed',
    conclusion: job.conclusion,
    created_at: at,
    started_at: at,
    completed_at: job.conclusion === null ? null : at,
    name: job.name,
    steps: (job.steps ?? []).map((step, index) => ({
      name: step.name,
      status: 'completed',
      conclusion: step.conclusion,
      number: index + 1,
      started_at: at,
      completed_at: at,
    })),
    check_run_url: `${fake.url}/repos/acme/shop/check-runs/${job.id}`,
    labels: ['ubuntu-24.04'],
    runner_id: 7,
    runner_name: 'GitHub Actions 7',
    runner_group_id: 2,
    runner_group_name: 'GitHub Actions',
  };
}

/** An annotation as the Checks API lists it; a workflow command's has path ".github" and no line. */
export function annotation(level: 'notice' | 'warning' | 'failure', title: string | null, message: string) {
  return {
    path: '.github',
    blob_href: 'https://github.com/acme/shop/blob/' + 'a'.repeat(40) + '/.github',
    start_line: 1,
    end_line: 1,
    start_column: null,
    end_column: null,
    annotation_level: level,
    title,
    message,
    raw_details: null,
  };
}

/** What the runner makes of a `::notice title=…::message` line: the annotation, unescaped. */
export function annotationOfCommand(line: string): FakeAnnotation {
  const match = /^::(notice|warning|error)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string) =>
    text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1))]),
  );
  const level = match[1] === 'error' ? 'failure' : (match[1] as 'notice' | 'warning');
  return annotation(level, properties['title'] ?? null, unescape(match[3]));
}
