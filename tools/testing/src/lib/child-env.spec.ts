import { nxChildEnv, sandboxedEnv } from './child-env';

describe('nxChildEnv', () => {
  it('keeps an outer Nx task from leaking into the Nx runs it starts', () => {
    expect(
      nxChildEnv({ NX_TASK_TARGET_PROJECT: 'rehearsal', NX_CLI_SET: 'true', NX_DAEMON: 'true', PATH: '/bin' }),
    ).toEqual({ NX_DAEMON: 'false', PATH: '/bin' });
  });

  it('drops every variable Nx sets for a task, keeps the settings a person chose, adds what the caller asks', () => {
    const env = nxChildEnv(
      {
        NX_TASK_TARGET_TARGET: 'test',
        NX_TASK_HASH: 'abc',
        NX_TERMINAL_OUTPUT_PATH: '/tmp/out',
        NX_TERMINAL_CAPTURE_STDERR: 'true',
        NX_STREAM_OUTPUT: 'true',
        NX_PREFIX_OUTPUT: 'true',
        NX_INVOCATION_ROOT_PID: '42',
        NX_WORKSPACE_ROOT: '/elsewhere',
        LERNA_PACKAGE_NAME: 'api',
        NX_SKIP_NX_CACHE: 'true',
        NX_VERBOSE_LOGGING: 'true',
        KEEP: undefined,
      },
      { NX_TUI: 'false' },
    );
    expect(env).toEqual({ NX_SKIP_NX_CACHE: 'true', NX_VERBOSE_LOGGING: 'true', NX_DAEMON: 'false', NX_TUI: 'false' });
    expect('KEEP' in env).toBe(false);
  });
});

describe('sandboxedEnv', () => {
  it('drops AWS, GitHub and Slipway variables and points the AWS config files at nothing', () => {
    const env = sandboxedEnv({
      PATH: '/bin',
      AWS_PROFILE: 'prod',
      GITHUB_STEP_SUMMARY: '/x',
      SLIPWAY_POLL_INTERVAL: '1s',
      CI_DEPLOY: 'true',
      NX_DAEMON: 'true',
    });
    expect(env).toEqual({
      PATH: '/bin',
      NX_DAEMON: 'true',
      AWS_CONFIG_FILE: '/nonexistent/slipway-e2e-aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/slipway-e2e-aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
});
