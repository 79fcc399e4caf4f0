import { type ContainerInfo, parseContainerInspect } from './container-info';
import { healthEvents, judgeContainer, rolloutIdOf, rolloutOf, stoppedTaskOf } from './container-state';
import { LABELS } from './revision';

const IMAGE = `127.0.0.1:5055/slipway/api@sha256:${'e'.repeat(64)}`;

/** As `docker container inspect` prints it (20.10), trimmed to what matters. */
function inspect(state: Record<string, unknown>, extra: Record<string, unknown> = {}): ContainerInfo {
  return parseContainerInspect({
    Id: 'c0ffee'.padEnd(64, '0'),
    Name: '/slipway-api-local',
    Created: '2026-01-01T03:00:00.000000000Z',
    RestartCount: 0,
    Config: { Image: IMAGE, Labels: { [LABELS.rollout]: 'slipway-api-local@2026-01-01T03:00:00.000Z' } },
    State: {
      Status: 'running',
      ExitCode: 0,
      Error: '',
      OOMKilled: false,
      StartedAt: '2026-01-01T03:00:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...state,
    },
    ...extra,
  });
}

const checks = (...results: [number, string][]) =>
  results.map(([code, output], i) => ({
    Start: `2026-01-01T03:00:0${i + 2}Z`,
    End: `2026-01-01T03:00:0${i + 2}.5Z`,
    ExitCode: code,
    Output: output,
  }));

describe('parseContainerInspect', () => {
  it('reads names, labels, state and dates; "0001-…" means never', () => {
    const info = inspect({});
    expect(info).toMatchObject({
      name: 'slipway-api-local',
      image: IMAGE,
      status: 'running',
      restartCount: 0,
      startedAt: new Date('2026-01-01T03:00:01Z'),
    });
    expect(info.finishedAt).toBeUndefined();
    expect(info.health).toBeUndefined();
  });

  it('tolerates missing fields', () => {
    expect(parseContainerInspect(undefined)).toMatchObject({
      id: '',
      name: '',
      image: '',
      labels: {},
      status: 'unknown',
      exitCode: 0,
    });
    expect(
      parseContainerInspect({ State: { StartedAt: 'garbage', Health: { Status: 'starting', Log: null } } }),
    ).toMatchObject({ startedAt: undefined, health: { status: 'starting', failingStreak: 0, log: [] } });
  });
});

describe('judging a container as a rollout', () => {
  it('completes when running and healthy', () => {
    const info = inspect({ Health: { Status: 'healthy', FailingStreak: 0, Log: checks([0, 'ok']) } });
    expect(rolloutOf(info)).toMatchObject({
      id: 'slipway-api-local@2026-01-01T03:00:00.000Z',
      revisionId: IMAGE,
      revisionLabel: `slipway/api@${'e'.repeat(12)}`,
      primary: true,
      state: 'COMPLETED',
      desired: 1,
      running: 1,
      pending: 0,
      failed: 0,
    });
    expect(rolloutOf(info).updatedAt).toEqual(new Date('2026-01-01T03:00:02.5Z'));
    expect(stoppedTaskOf(info)).toBeUndefined();
    expect(healthEvents(info)).toEqual([]);
  });

  it('is in progress while the health check has not passed yet', () => {
    expect(
      judgeContainer(inspect({ Health: { Status: 'starting', FailingStreak: 1, Log: checks([1, 'ECONNREFUSED']) } })),
    ).toMatchObject({ state: 'IN_PROGRESS', pending: 1, running: 0 });
    expect(judgeContainer(inspect({ Status: 'created' }))).toMatchObject({
      state: 'IN_PROGRESS',
      reason: 'created, not started',
    });
    expect(judgeContainer(inspect({ Status: 'paused' }))).toMatchObject({ state: 'IN_PROGRESS', reason: 'paused' });
  });

  it('counts a running container without HEALTHCHECK as done, and says so', () => {
    expect(judgeContainer(inspect({}))).toMatchObject({
      state: 'COMPLETED',
      reason: 'running; the image has no HEALTHCHECK',
      running: 1,
    });
  });

  it('fails when it turns unhealthy, quoting the last failed check', () => {
    const info = inspect({
      Health: {
        Status: 'unhealthy',
        FailingStreak: 3,
        Log: checks([0, 'ok'], [1, 'HTTP 503\n  not ready'], [1, 'HTTP 503']),
      },
    });
    expect(rolloutOf(info)).toMatchObject({
      state: 'FAILED',
      failed: 1,
      reason: 'the container turned unhealthy after 3 failed health check(s): exit 1: HTTP 503',
    });
    expect(stoppedTaskOf(info)).toMatchObject({
      id: 'slipway-api-local/c0ffee000000',
      category: 'health',
      containers: [{ name: 'slipway-api-local', exitCode: undefined }],
    });
    expect(healthEvents(info).map((e) => e.message)).toEqual([
      'health check failed (exit 1): HTTP 503',
      'health check failed (exit 1): HTTP 503 not ready',
    ]);
    expect(judgeContainer(inspect({ Health: { Status: 'unhealthy', FailingStreak: 0, Log: [] } })).reason).toBe(
      'the container turned unhealthy after 0 failed health check(s)',
    );
  });

  it('fails at once when the container exits, with the exit code and OOM kill', () => {
    const info = inspect({ Status: 'exited', ExitCode: 137, OOMKilled: true, FinishedAt: '2026-01-01T03:00:09Z' });
    expect(rolloutOf(info)).toMatchObject({
      state: 'FAILED',
      reason: 'the container exited (exit code 137, killed: out of memory)',
    });
    expect(stoppedTaskOf(info)).toEqual({
      id: 'slipway-api-local/c0ffee000000',
      category: 'essential-exit',
      reason: 'the container exited (exit code 137, killed: out of memory)',
      containers: [{ name: 'slipway-api-local', exitCode: 137, reason: 'OOMKilled' }],
      stoppedAt: new Date('2026-01-01T03:00:09Z'),
    });
    expect(judgeContainer(inspect({ Status: 'dead', ExitCode: 1 })).state).toBe('FAILED');
  });

  it('fails when Docker restarted it: a crash loop never heals by waiting', () => {
    expect(judgeContainer(inspect({ Status: 'running', ExitCode: 1 }, { RestartCount: 2 }))).toMatchObject({
      state: 'FAILED',
      reason: 'the container exited (exit code 1) and Docker restarted it 2 time(s)',
    });
    expect(judgeContainer(inspect({ Status: 'restarting', ExitCode: 3 }))).toMatchObject({
      state: 'FAILED',
      stopped: { category: 'essential-exit' },
    });
  });

  it('fails as an init error when Docker could not start it', () => {
    const info = inspect({ Status: 'created', ExitCode: 128, Error: 'exec: "node": executable file not found' });
    expect(stoppedTaskOf(info)).toMatchObject({
      category: 'init',
      reason: 'the container could not start: exec: "node": executable file not found',
    });
    expect(judgeContainer(inspect({ Status: 'removing' }))).toMatchObject({
      state: 'FAILED',
      stopped: { category: 'other' },
    });
  });

  it('names rollouts by Slipway label, or by the container for one started by hand', () => {
    expect(rolloutIdOf({ ...inspect({}), labels: {} })).toBe('container c0ffee000000');
  });

  it('truncates long health check output', () => {
    const info = inspect({ Health: { Status: 'unhealthy', FailingStreak: 1, Log: checks([2, 'x'.repeat(500)]) } });
    expect(healthEvents(info)[0].message).toHaveLength('health check failed (exit 2): '.length + 200);
    expect(
      healthEvents({
        ...info,
        health: { status: 'unhealthy', failingStreak: 1, log: [{ exitCode: 1, output: '' }] },
      })[0],
    ).toMatchObject({ at: new Date(0), message: 'health check failed (exit 1)' });
  });
});
