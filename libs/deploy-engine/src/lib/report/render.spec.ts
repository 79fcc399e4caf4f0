import { buildReport, type DeployReport } from './report';
import { formatJson, formatMarkdown, formatSummary, githubOutputs } from './render';
import { publishToGitHub } from './github';

const rolledBack: DeployReport = buildReport(
  {
    command: 'deploy',
    outcome: 'ROLLED_BACK',
    message: 'failed: 1 task(s) stopped with pull errors; rolled back by Slipway: api:1 (v1.1.0) is primary and stable',
    app: 'api',
    environment: 'production',
    target: 'ECS service api in cluster prod (eu-west-1)',
    version: 'v1.2.0',
    commit: 'b'.repeat(40),
    digest: 'sha256:abc',
    image: 'repo@sha256:abc',
    previousRevision: { id: 'arn:1', label: 'api:1' },
    newRevision: { id: 'arn:2', label: 'api:2' },
    rolloutId: 'ecs-svc/1',
    rollback: { by: 'slipway', status: 'COMPLETED', revision: { id: 'arn:1', label: 'api:1' } },
    stoppedTasks: [{ id: 'task/abc', category: 'pull', reason: 'CannotPullContainerError | x', containers: [] }],
    nextSteps: ['npx nx run api:deploy-status -- --environment production'],
  },
  0,
  134_000,
);

describe('report rendering', () => {
  it('ends the summary with the outcome and its exit code', () => {
    const lines = formatSummary(rolledBack);
    expect(lines).toContain('Slipway deploy: api → production');
    expect(lines).toContain(`  version   v1.2.0 (commit ${'b'.repeat(12)})`);
    expect(lines).toContain('  revision  api:1 → api:2');
    expect(lines).toContain('  rollback  COMPLETED by slipway to api:1');
    expect(lines).toContain('  duration  2m 14s');
    expect(lines).toContain('    - task abc stopped (pull): CannotPullContainerError | x');
    expect(lines.at(-1)).toBe('outcome: ROLLED_BACK (exit 3)');
  });

  it('renders markdown for the GitHub step summary, escaping table cells', () => {
    const md = formatMarkdown(rolledBack);
    expect(md).toContain('### ↩️ Slipway deploy: api → production');
    expect(md).toContain('| Outcome | **ROLLED_BACK** (exit 3) |');
    expect(md).toContain('| Digest | `sha256:abc` |');
    expect(md).toContain('CannotPullContainerError \\| x');
    expect(md).toContain('```sh\nnpx nx run api:deploy-status -- --environment production\n```');
    expect(md).toContain('3 failed and rolled back');
    const ok = formatMarkdown(
      buildReport({ command: 'rollback', outcome: 'DEPLOYED', message: 'ok', app: 'api' }, 0, 1),
    );
    expect(ok).toContain('### ✅ Slipway rollback: api');
    expect(
      formatMarkdown(buildReport({ command: 'deploy', outcome: 'FAILED', message: 'x', app: 'api' }, 0, 1)),
    ).toContain('❌');
  });

  it('summarises a dry run and a plain failure without optional rows', () => {
    const lines = formatSummary(
      buildReport(
        {
          command: 'rollback',
          outcome: 'PLANNED',
          message: 'dry run',
          app: 'api',
          dryRun: true,
          nearestVersions: ['v1.0.0'],
        },
        0,
        0,
      ),
    );
    expect(lines[1]).toBe('Slipway rollback: api (dry run)');
    expect(lines).toContain('  nearest   v1.0.0');
  });

  it('names a revision registered but never rolled out, in every channel', () => {
    const refused = buildReport(
      {
        command: 'deploy',
        outcome: 'APPLY_REFUSED',
        message: 'refused',
        app: 'api',
        previousRevision: { id: 'arn:1', label: 'api:1' },
        unusedRevision: { id: 'arn:2', label: 'api:2' },
      },
      0,
      0,
    );
    expect(formatSummary(refused)).toEqual(
      expect.arrayContaining([
        '  revision  api:1',
        '  unused    api:2 (registered, not rolled out)',
        'outcome: APPLY_REFUSED (exit 2)',
      ]),
    );
    expect(formatMarkdown(refused)).toContain('| Unused revision | api:2 (registered, not rolled out) |');
    expect(githubOutputs(refused)).toEqual({ 'exit-code': '2', outcome: 'APPLY_REFUSED', 'unused-revision': 'arn:2' });
  });

  it('gives machines JSON and GitHub outputs carrying the distinct exit code', () => {
    expect(JSON.parse(formatJson(rolledBack))).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      durationMs: 134_000,
    });
    expect(githubOutputs(rolledBack)).toEqual({
      'exit-code': '3',
      outcome: 'ROLLED_BACK',
      version: 'v1.2.0',
      digest: 'sha256:abc',
      revision: 'arn:2',
    });
  });

  it('publishes to GITHUB_STEP_SUMMARY and GITHUB_OUTPUT only when set', async () => {
    const writes: Array<[string, string]> = [];
    const append = async (path: string, text: string) => void writes.push([path, text]);
    await publishToGitHub(rolledBack, {}, append);
    expect(writes).toEqual([]);
    await publishToGitHub(rolledBack, { GITHUB_STEP_SUMMARY: '/s', GITHUB_OUTPUT: '/o' }, append);
    expect(writes[0][0]).toBe('/s');
    expect(writes[1]).toEqual([
      '/o',
      'exit-code=3\noutcome=ROLLED_BACK\nversion=v1.2.0\ndigest=sha256:abc\nrevision=arn:2\n',
    ]);
    const status = {
      command: 'deploy-status' as const,
      outcome: 'REPORTED' as const,
      exitCode: 0,
      message: '',
      app: 'api',
      environments: [],
    };
    writes.length = 0;
    await publishToGitHub(status, { GITHUB_STEP_SUMMARY: '/s', GITHUB_OUTPUT: '/o' }, append);
    expect(writes).toEqual([['/o', 'exit-code=0\noutcome=REPORTED\n']]);
  });
});
