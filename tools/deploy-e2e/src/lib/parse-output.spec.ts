import { extractJsonDocument, parseGithubOutput, parseSummary } from './parse-output';
import { scrubbedEnv } from './nx-run';
import { describeMutation } from './sim-session';

describe('reading what an executor printed', () => {
  it('takes the last summary line', () => {
    expect(parseSummary('outcome: FAILED (exit 4)\nmore\noutcome: ROLLED_BACK (exit 3)\n')).toEqual({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
    });
    expect(parseSummary('no summary')).toBeUndefined();
  });

  it('cuts the --json document out of the lines Nx prints around it', () => {
    const stdout =
      '\n> nx run api:deploy\n\n{\n  "outcome": "DEPLOYED",\n  "nested": {\n    "a": 1\n  }\n}\n\n NX   Successfully ran target deploy\n';
    expect(extractJsonDocument(stdout)).toEqual({ outcome: 'DEPLOYED', nested: { a: 1 } });
    expect(extractJsonDocument('> nx run api:deploy\n')).toBeUndefined();
  });

  it('reads $GITHUB_OUTPUT lines', () => {
    expect(parseGithubOutput('exit-code=3\noutcome=ROLLED_BACK\nversion=v1.2.0\n\n')).toEqual({
      'exit-code': '3',
      outcome: 'ROLLED_BACK',
      version: 'v1.2.0',
    });
  });
});

describe('the child environment', () => {
  it('drops AWS, GitHub, Nx and Slipway variables from the parent and points AWS config files at nothing', () => {
    const env = scrubbedEnv(
      {
        PATH: '/bin',
        AWS_PROFILE: 'prod',
        GITHUB_STEP_SUMMARY: '/x',
        NX_DAEMON: 'true',
        NX_TASK_TARGET_PROJECT: 'deploy-e2e',
        SLIPWAY_POLL_INTERVAL: '1s',
        KEEP: undefined,
      },
      { AWS_REGION: 'eu-west-1' },
    );
    expect(env).toMatchObject({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      NX_DAEMON: 'false',
      AWS_CONFIG_FILE: '/nonexistent/slipway-e2e-aws-config',
    });
    expect(Object.keys(env)).not.toEqual(expect.arrayContaining(['AWS_PROFILE']));
    expect(env['GITHUB_STEP_SUMMARY']).toBeUndefined();
    expect(env['SLIPWAY_POLL_INTERVAL']).toBeUndefined();
    expect(env['NX_TASK_TARGET_PROJECT']).toBeUndefined();
    expect('KEEP' in env).toBe(false);
  });
});

describe('describeMutation', () => {
  const call = (operation: string, input: Record<string, unknown>, error?: string) => ({
    seq: 1,
    service: 'ecs' as const,
    operation,
    mutating: true,
    input,
    error,
    simTime: 0,
    realTime: 0,
  });

  it('names the revision an UpdateService moves to and the version a registration carries', () => {
    expect(
      describeMutation(call('UpdateService', { taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:2' })),
    ).toBe('UpdateService(api:2)');
    expect(describeMutation(call('UpdateService', {}, 'AccessDeniedException'))).toBe(
      'UpdateService()!AccessDeniedException',
    );
    expect(
      describeMutation(
        call('RegisterTaskDefinition', { family: 'api', tags: [{ key: 'slipway:version', value: 'v1.2.0' }] }),
      ),
    ).toBe('RegisterTaskDefinition(api v1.2.0)');
    expect(describeMutation(call('RegisterTaskDefinition', { family: 'api' }))).toBe('RegisterTaskDefinition(api ?)');
    expect(describeMutation(call('TagResource', {}))).toBe('TagResource()');
  });
});
