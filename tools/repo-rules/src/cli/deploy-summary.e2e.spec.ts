import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  annotation,
  annotationOfCommand,
  type FakeGitHubApi,
  runJob,
  startFakeGitHubApi,
} from '../test-support/fake-github-api';
import { runBin, runBinAsync, WORKSPACE_ROOT } from '../test-support/git-sandbox';
import { parse } from 'yaml';

/**
 * What every runner step has besides its own env: PATH, and HOME (without it, swc's native cache falls
 * back to /tmp, outside the temp dir whose leftovers the suite checks).
 */
const RUNNER_BASE = { PATH: process.env['PATH'], HOME: process.env['HOME'] };

interface WorkflowStep {
  run?: string;
  env?: Record<string, string>;
}

/**
 * A `run:` step of deploy.yml, as the runner runs it: bash -e in the checkout, its `env:` with each
 * `${{ expression }}` taken from `context`, plus the runner's own variables.
 */
function runStep(job: string, command: RegExp, context: Record<string, string>, runner: NodeJS.ProcessEnv) {
  const workflow = parse(readFileSync(join(WORKSPACE_ROOT, '.github/workflows/deploy.yml'), 'utf8')) as {
    jobs: Record<string, { steps: WorkflowStep[] }>;
  };
  const step = workflow.jobs[job].steps.find((candidate) => command.test(candidate.run ?? ''));
  if (!step?.run) throw new Error(`deploy.yml has no step in ${job} that runs ${command}`);
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => {
      const expression = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value)?.[1];
      if (expression !== undefined && !(expression in context)) throw new Error(`no value for \${{ ${expression} }}`);
      return [name, expression === undefined ? value : context[expression]];
    }),
  );
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run as string],
      { cwd: WORKSPACE_ROOT, env: { ...RUNNER_BASE, ...runner, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

/**
 * deploy.yml's summary, end to end with the real CLI: each deploy job's `record` prints its result,
 * the fake runner turns the line into an annotation (as GitHub does), and `summary` reads the run's
 * jobs and those annotations from a fake GitHub over real HTTP and writes one table.
 */
describe('deploy-summary (real processes, a fake GitHub over HTTP)', () => {
  let github: FakeGitHubApi;
  let dir: string;
  const deployEnv = (extra: NodeJS.ProcessEnv) => ({
    ...RUNNER_BASE,
    VERSION: 'v1.4.2',
    ENVIRONMENT: 'staging',
    ...extra,
  });
  const summaryEnv = (extra: NodeJS.ProcessEnv = {}) => ({
    ...RUNNER_BASE,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '9001',
    GITHUB_TOKEN: 'ghs_summary',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    SERVICES: '["api","status","worker"]',
    VERSION: 'v1.4.2',
    ENVIRONMENT: 'staging',
    ...extra,
  });
  /** A deploy job's record step, as deploy.yml runs it; its stdout becomes the job's annotations. */
  const record = (service: string, extra: NodeJS.ProcessEnv) => {
    const run = runBin('deploy-summary', ['record'], {
      cwd: WORKSPACE_ROOT,
      env: deployEnv({ SERVICE: service, ...extra }),
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return run.stdout.trim().split('\n').map(annotationOfCommand);
  };

  beforeEach(async () => {
    github = await startFakeGitHubApi({ token: 'ghs_summary', pageSize: 2 });
    dir = mkdtempSync(join(tmpdir(), 'deploy-summary-'));
  });
  afterEach(async () => {
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one table: a deployed service, a rolled-back one and one whose job failed before its deploy', async () => {
    const steps = (deploy: 'success' | 'failure' | 'skipped', credentials: 'success' | 'failure' = 'success') => [
      { name: 'Validate the inputs', conclusion: 'success' as const },
      { name: 'Run aws-actions/configure-aws-credentials', conclusion: credentials },
      { name: 'Deploy (the target writes its own step summary)', conclusion: deploy },
    ];
    github.runs.set('9001', [
      runJob(github, { id: 101, runId: 9001, name: 'services', conclusion: 'success' }),
      runJob(github, { id: 102, runId: 9001, name: 'deploy (api)', conclusion: 'success', steps: steps('success') }),
      runJob(github, { id: 103, runId: 9001, name: 'deploy (status)', conclusion: 'failure', steps: steps('failure') }),
      runJob(github, {
        id: 104,
        runId: 9001,
        name: 'deploy (worker)',
        conclusion: 'failure',
        steps: steps('skipped', 'failure'),
      }),
      runJob(github, { id: 105, runId: 9001, name: 'summary', conclusion: null, status: 'in_progress' }),
    ]);
    github.annotations.set(102, record('api', { OUTCOME: 'DEPLOYED', EXIT_CODE: '0', DEPLOY_STEP: 'success' }));
    github.annotations.set(103, [
      annotation('failure', null, 'Process completed with exit code 1.'),
      ...record('status', { OUTCOME: 'ROLLED_BACK', EXIT_CODE: '3', DEPLOY_STEP: 'failure' }),
    ]);
    github.annotations.set(104, [annotation('failure', null, 'Could not assume role with OIDC')]);

    const run = await runBinAsync('deploy-summary', ['summary'], { cwd: WORKSPACE_ROOT, env: summaryEnv() });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const expected = [
      '### Slipway deploy v1.4.2 to staging: 1 of 3 services deployed',
      '',
      '| service | result | exit code | version | environment | job |',
      '|---|---|---|---|---|---|',
      '| api | ✅ **DEPLOYED** | 0 | v1.4.2 | staging | [deploy (api)](https://github.com/acme/shop/actions/runs/9001/job/102) |',
      '| status | ↩️ **ROLLED\\_BACK** | 3 | v1.4.2 | staging | [deploy (status)](https://github.com/acme/shop/actions/runs/9001/job/103) |',
      '| worker | ❌ failed at step 2 "Run aws-actions/configure-aws-credentials", before a result | – | v1.4.2 | staging | [deploy (worker)](https://github.com/acme/shop/actions/runs/9001/job/104) |',
      '',
      "Each service's own summary (revisions, rollback, why tasks stopped) is on its job's page.",
      '',
    ].join('\n');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(`${expected}\n`);
    expect(run.stdout).toBe(`${expected}\n`);
    // Three pages of jobs (two a page), then the annotations of the three deploy jobs only.
    expect(github.requests.map((r) => r.path.replace(/\?.*/, ''))).toEqual([
      '/repos/acme/shop/actions/runs/9001/jobs',
      '/repos/acme/shop/actions/runs/9001/jobs',
      '/repos/acme/shop/actions/runs/9001/jobs',
      '/repos/acme/shop/check-runs/102/annotations',
      '/repos/acme/shop/check-runs/103/annotations',
      '/repos/acme/shop/check-runs/104/annotations',
    ]);
  });

  it("ignores a result annotation that names another job's service, saying so", async () => {
    github.runs.set('9001', [runJob(github, { id: 102, runId: 9001, name: 'deploy (api)', conclusion: 'success' })]);
    github.annotations.set(102, record('status', { OUTCOME: 'DEPLOYED', EXIT_CODE: '0', DEPLOY_STEP: 'success' }));
    const run = await runBinAsync('deploy-summary', ['summary'], {
      cwd: WORKSPACE_ROOT,
      env: summaryEnv({ SERVICES: '["api"]' }),
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'deploy (api): ignored a result annotation: it names service "status", not the job\'s "api"',
    );
    expect(run.stdout).toContain('| api | ⚠️ job success, but recorded no result |');
  });

  it('a token without access: exit 1, what GitHub said and the permissions to grant; no summary written', async () => {
    github.fail = { status: 403, message: 'Resource not accessible by integration' };
    const run = await runBinAsync('deploy-summary', ['summary'], { cwd: WORKSPACE_ROOT, env: summaryEnv() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('answered 403: Resource not accessible by integration');
    expect(run.stderr).toContain('"permissions: actions: read, checks: read"');
    expect(() => readFileSync(join(dir, 'summary.md'))).toThrow();
  });

  it('outside Actions without a token: exit 2 naming the variable, before any request', async () => {
    const run = await runBinAsync('deploy-summary', ['summary'], {
      cwd: WORKSPACE_ROOT,
      env: summaryEnv({ GITHUB_TOKEN: '' }),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('GITHUB_TOKEN is not set');
    expect(github.requests).toEqual([]);
  });

  it('a result that cannot be recorded (an invalid version): exit 2 and no annotation', async () => {
    const run = runBin('deploy-summary', ['record'], {
      cwd: WORKSPACE_ROOT,
      env: deployEnv({ SERVICE: 'api', VERSION: 'latest', DEPLOY_STEP: 'failure' }),
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('version is not vX.Y.Z');
  });

  it("deploy.yml's own record and summary steps, run by bash as written, give the table", async () => {
    const context = {
      'matrix.service': 'api',
      'inputs.version': 'v1.4.2',
      'inputs.environment': 'staging',
      'steps.deploy.outputs.outcome': 'DEPLOYED',
      'steps.deploy.outputs.exit-code': '0',
      'steps.deploy.outcome': 'success',
      'github.token': 'ghs_summary',
      'needs.services.outputs.services': '["api"]',
    };
    const recorded = await runStep('deploy', /deploy:record/, context, {});
    expect({ status: recorded.status, stderr: recorded.stderr }).toEqual({ status: 0, stderr: '' });
    // The runner reads workflow commands from every stdout line; npm's own lines are none.
    const commands = recorded.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(1);
    github.runs.set('9001', [runJob(github, { id: 102, runId: 9001, name: 'deploy (api)', conclusion: 'success' })]);
    github.annotations.set(102, commands.map(annotationOfCommand));

    const summarised = await runStep('summary', /deploy:summary/, context, {
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '9001',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    });
    expect(summarised.status).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(
      '| api | ✅ **DEPLOYED** | 0 | v1.4.2 | staging | [deploy (api)](https://github.com/acme/shop/actions/runs/9001/job/102) |',
    );
  });
});
