import { runJob } from '../../test-support/fake-github-api';
import type { DeployResult } from './deploy-result';
import { escapeCell, renderSummary, summarize, type SummaryInput } from './summary';

const api = { url: 'https://api.github.com' };
const RUN = 'https://github.com/acme/shop/actions/runs/9';
const result = (service: string, outcome: string, exitCode: number, step: DeployResult['step']): DeployResult => ({
  service,
  version: 'v1.2.0',
  environment: 'staging',
  outcome,
  exitCode,
  step,
});

function input(partial: Partial<SummaryInput>): SummaryInput {
  return {
    services: [],
    jobs: [],
    results: new Map(),
    version: 'v1.2.0',
    environment: 'staging',
    runUrl: RUN,
    ...partial,
  };
}

describe('the deploy summary', () => {
  it('has one row per listed service, with its outcome, exit code and job link, and counts the deployed', () => {
    const jobs = [
      runJob(api, { id: 11, runId: 9, name: 'deploy (api)', conclusion: 'success' }),
      runJob(api, { id: 12, runId: 9, name: 'deploy (status)', conclusion: 'failure' }),
      runJob(api, { id: 10, runId: 9, name: 'services', conclusion: 'success' }),
    ];
    const given = input({
      services: ['api', 'status'],
      jobs,
      results: new Map([
        [11, result('api', 'DEPLOYED', 0, 'success')],
        [12, result('status', 'ROLLED_BACK', 3, 'failure')],
      ]),
    });
    expect(renderSummary(summarize(given), given)).toBe(
      [
        '### Slipway deploy v1.2.0 to staging: 1 of 2 services deployed',
        '',
        '| service | result | exit code | version | environment | job |',
        '|---|---|---|---|---|---|',
        '| api | ✅ **DEPLOYED** | 0 | v1.2.0 | staging | [deploy (api)](https://github.com/acme/shop/actions/runs/9/job/11) |',
        '| status | ↩️ **ROLLED\\_BACK** | 3 | v1.2.0 | staging | [deploy (status)](https://github.com/acme/shop/actions/runs/9/job/12) |',
        '',
        "Each service's own summary (revisions, rollback, why tasks stopped) is on its job's page.",
        '',
      ].join('\n'),
    );
  });

  it.each<[string, Partial<SummaryInput>, object]>([
    [
      'a job that failed before the deploy names the step',
      {
        jobs: [
          runJob(api, {
            id: 5,
            runId: 9,
            name: 'deploy (api)',
            conclusion: 'failure',
            steps: [
              { name: 'Validate the inputs', conclusion: 'success' },
              { name: 'Run aws-actions/configure-aws-credentials', conclusion: 'failure' },
              { name: 'Deploy', conclusion: 'skipped' },
            ],
          }),
        ],
      },
      { icon: '❌', note: 'failed at step 2 "Run aws-actions/configure-aws-credentials", before a result' },
    ],
    [
      'a cancelled job',
      { jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'cancelled' })] },
      { icon: '⏹️', note: 'cancelled before the deploy' },
    ],
    [
      'a skipped job',
      { jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'skipped' })] },
      { icon: '⏭️', note: 'skipped' },
    ],
    [
      'a job still running',
      {
        jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: null, status: 'in_progress' })],
      },
      { icon: '⏳', note: 'still in progress' },
    ],
    [
      'a green job that recorded nothing',
      { jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'success' })] },
      { icon: '⚠️', note: 'job success, but recorded no result' },
    ],
    ['no job at all', {}, { icon: '⏭️', note: 'not started: no deploy job ran for it' }],
    [
      'a deploy that wrote no outcome',
      {
        jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'failure' })],
        results: new Map([[5, { service: 'api', version: 'v1.2.0', environment: 'staging', step: 'failure' }]]),
      },
      { icon: '❌', note: 'the deploy step ended "failure" without an outcome' },
    ],
    [
      'a deploy interrupted by a cancel',
      {
        jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'cancelled' })],
        results: new Map([[5, result('api', 'INTERRUPTED', 130, 'cancelled')]]),
      },
      { icon: '❌', outcome: 'INTERRUPTED', exitCode: 130, note: 'the job was cancelled' },
    ],
    [
      'a deploy paused at a hook',
      {
        jobs: [runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'failure' })],
        results: new Map([[5, result('api', 'PAUSED', 8, 'failure')]]),
      },
      { icon: '⏸️', outcome: 'PAUSED', exitCode: 8, deployed: false },
    ],
  ])('says so for %s', (_, partial, expected) => {
    const [row] = summarize(input({ services: ['api'], ...partial }));
    expect(row).toMatchObject({ service: 'api', ...expected });
  });

  it('lists a deploy job the services list lacks, and the newest of two jobs with one name', () => {
    const rows = summarize(
      input({
        services: ['api'],
        jobs: [
          runJob(api, { id: 3, runId: 9, name: 'deploy (status)', conclusion: 'failure' }),
          runJob(api, { id: 4, runId: 9, name: 'deploy (api)', conclusion: 'failure' }),
          runJob(api, { id: 8, runId: 9, name: 'deploy (api)', conclusion: 'success' }),
        ],
        results: new Map([[8, result('api', 'DEPLOYED', 0, 'success')]]),
      }),
    );
    expect(rows.map((row) => [row.service, row.outcome ?? row.note, row.job?.url])).toEqual([
      ['api', 'DEPLOYED', 'https://github.com/acme/shop/actions/runs/9/job/8'],
      ['status', 'failed before a result', 'https://github.com/acme/shop/actions/runs/9/job/3'],
    ]);
  });

  it('says plainly when no service was listed (the services job failed)', () => {
    const given = input({ version: 'v9.9.9' });
    expect(renderSummary(summarize(given), given)).toBe(
      [
        '### Slipway deploy v9.9.9 to staging: no service deployed',
        '',
        `No service was listed: the services job did not finish. See [the run](${RUN}).`,
        '',
      ].join('\n'),
    );
  });

  it('keeps the dispatch inputs from breaking the table or adding markup, and links only web URLs', () => {
    const job = {
      ...runJob(api, { id: 5, runId: 9, name: 'deploy (api)', conclusion: 'skipped' }),
      html_url: 'javascript:alert(1)',
    };
    const given = input({ services: ['api'], version: 'v1|<b>x</b>\n', environment: '[x](y)', jobs: [job] });
    const table = renderSummary(summarize(given), given);
    expect(table).toContain(
      '| api | ⏭️ skipped | – | v1\\|\\<b\\>x\\</b\\> | \\[x\\](y) | [deploy (api)](https://github.com/acme/shop/actions/runs/9) |',
    );
    expect(escapeCell('a_b*c`d')).toBe('a\\_b\\*c\\`d');
  });
});
