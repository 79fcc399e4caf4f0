import { type FakeGitHubApi, runJob, startFakeGitHubApi } from '../test-support/fake-github-api';
import { fakeIo } from '../test-support/fake-io';
import { DEPLOY_SUMMARY_USAGE, deploySummaryCli } from './deploy-summary';

describe('deploy-summary arguments and environment', () => {
  let github: FakeGitHubApi;
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '7',
    GITHUB_TOKEN: 'ghs_x',
    VERSION: 'v1.0.0',
    ENVIRONMENT: 'staging',
    ...extra,
  });

  beforeAll(async () => {
    github = await startFakeGitHubApi({ token: 'ghs_x', pageSize: 100 });
    github.runs.set('7', [runJob(github, { id: 1, runId: 7, name: 'deploy (api)', conclusion: 'skipped' })]);
    github.runs.set('8', []);
  });
  afterAll(() => github.close());

  it('--help prints the usage', async () => {
    const io = fakeIo('/ws');
    expect(await deploySummaryCli(['--help'], io)).toBe(0);
    expect(io.out).toEqual([DEPLOY_SUMMARY_USAGE]);
  });

  it.each<[string, string[], NodeJS.ProcessEnv, string]>([
    ['no command', [], {}, 'unknown command "": use record or summary'],
    ['record with an argument', ['record', 'api'], {}, 'record takes no arguments'],
    ['an unknown summary flag', ['summary', '--runs', '1'], {}, 'unknown argument "--runs"'],
    ['a flag without its value', ['summary', '--run'], {}, '--run needs a value'],
    ['a repository that is not owner/name', ['summary', '--repository', 'shop'], {}, 'repository is owner/name'],
    ['a run id that is no number', ['summary', '--run', 'latest'], {}, 'the run id is a number'],
    ['SERVICES that is not JSON', ['summary'], { SERVICES: 'api,status' }, 'SERVICES is not a JSON list'],
    [
      'SERVICES with a bad name',
      ['summary'],
      { SERVICES: '["api","../x"]' },
      'SERVICES is not a JSON list of project names',
    ],
    ['no run id outside Actions', ['summary'], { GITHUB_RUN_ID: '' }, 'GITHUB_RUN_ID is not set'],
  ])('exit 2 for %s', async (_, argv, extra, message) => {
    const io = fakeIo('/ws', env(extra));
    expect(await deploySummaryCli(argv, io)).toBe(2);
    expect(io.err.join('\n')).toContain(message);
  });

  it('record prints exactly one workflow command', async () => {
    const io = fakeIo('/ws', env({ SERVICE: 'api', OUTCOME: 'DEPLOYED', EXIT_CODE: '0', DEPLOY_STEP: 'success' }));
    expect(await deploySummaryCli(['record'], io)).toBe(0);
    expect(io.out).toHaveLength(1);
    expect(io.out[0]).toMatch(/^::notice title=slipway deploy result::\{"service":"api",/);
  });

  it('summary of another run (--repository, --run), written to stdout only outside Actions', async () => {
    const io = fakeIo('/ws', env({ SERVICES: '["api"]' }));
    expect(await deploySummaryCli(['summary', '--repository', 'acme/shop', '--run', '7'], io)).toBe(0);
    expect(io.out.join('\n')).toContain('| api | ⏭️ skipped | – | v1.0.0 | staging |');
    expect(io.out.join('\n')).toContain('https://github.com/acme/shop/actions/runs/7/job/1');
  });

  it('exit 1 when the API cannot be reached, naming the URL', async () => {
    const io = fakeIo('/ws', env({ GITHUB_API_URL: 'http://127.0.0.1:9' }));
    expect(await deploySummaryCli(['summary'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(
      /GET http:\/\/127\.0\.0\.1:9\/repos\/acme\/shop\/actions\/runs\/7\/jobs\?.* failed: /,
    );
  });
});
