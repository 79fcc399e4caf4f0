import { NEW, STABLE } from '../test-support/fake-provider';
import { deployment, seen, STAGES } from '../test-support/platform-deployments';
import { rollbackTrigger, whyItEnded } from './deployment-reasons';
import { judgeDeployment, reached } from './deployment-verdict';
import { DEFAULT_FAIL_FAST } from './fail-fast';
import type { VerdictInput, WatchWait } from './verdict';
import { judgeRollout } from './watch-verdict';

const DEPLOYED: WatchWait = { target: { kind: 'deployed' }, onPause: 'exit', stages: STAGES };

function judge(d = deployment(), wait: WatchWait = DEPLOYED, extra: Partial<VerdictInput> = {}) {
  return judgeRollout({
    observation: seen(d),
    subject: { rolloutId: 'r-new', revisionId: NEW.id, stableRevisionId: STABLE.id, platformRollback: true, wait },
    policy: DEFAULT_FAIL_FAST,
    now: Date.UTC(2026, 0, 1),
    rollbackAnnounced: false,
    ...extra,
  });
}

describe('the verdict on an ECS service deployment', () => {
  it('SUCCESSFUL is deployed; in progress goes on', () => {
    expect(judge(deployment({ status: 'SUCCESSFUL' }))).toMatchObject({ kind: 'deployment-succeeded' });
    expect(judge()).toEqual({ kind: 'continue' });
  });

  it('ROLLBACK_SUCCESSFUL is rolled back, quoting every reason ECS gave', () => {
    const d = deployment({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: 'alarm fired',
      rollback: { reason: 'rolled back on alarm' },
      alarms: { status: 'TRIGGERED', names: ['a', 'b'], triggered: ['a'] },
      circuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 },
      hooks: [{ id: 'h1', status: 'TIMED_OUT' }],
    });
    expect(judge(d)).toEqual({
      kind: 'deployment-rolled-back',
      deployment: d,
      reason:
        '"alarm fired"; rollback reason "rolled back on alarm"; alarm in ALARM: a; circuit breaker: 4 failed tasks, threshold 3; hook h1 TIMED_OUT',
    });
    expect(rollbackTrigger(d)).toBe('alarm a');
    expect(
      rollbackTrigger(deployment({ status: 'ROLLBACK_SUCCESSFUL', circuitBreaker: { status: 'TRIGGERED' } })),
    ).toBe('circuit breaker');
    expect(rollbackTrigger(deployment({ status: 'ROLLBACK_SUCCESSFUL', hooks: [{ id: 'h', status: 'FAILED' }] }))).toBe(
      'hook answered ROLLBACK',
    );
    expect(rollbackTrigger(deployment({ status: 'ROLLBACK_SUCCESSFUL' }))).toBe('rollback requested');
  });

  it('ROLLBACK_FAILED and a STOPPED that was not replaced are failures; "Replaced by a new service deployment" is superseded', () => {
    expect(judge(deployment({ status: 'ROLLBACK_FAILED', statusReason: 'no luck' }))).toMatchObject({
      kind: 'deployment-failed',
      reason: '"no luck"',
    });
    expect(judge(deployment({ status: 'STOPPED' }))).toMatchObject({
      kind: 'deployment-failed',
      reason: 'ECS says STOPPED',
    });
    expect(judge(deployment({ status: 'STOPPED', statusReason: 'Replaced by a new service deployment' }))).toEqual({
      kind: 'superseded',
      by: undefined,
      reason: 'Replaced by a new service deployment',
    });
  });

  it('while ECS stops or rolls back, the watch goes on and says so', () => {
    expect(judge(deployment({ status: 'ROLLBACK_IN_PROGRESS', statusReason: 'breaker' }))).toEqual({
      kind: 'continue',
      note: 'ECS is rolling sd-1 back: "breaker"',
    });
    expect(judge(deployment({ status: 'STOP_REQUESTED' }))).toEqual({ kind: 'continue', note: 'ECS is stopping sd-1' });
  });

  it('a PAUSE hook awaiting action ends the watch PAUSED, unless asked to wait', () => {
    const hook = {
      id: 'ecs-pause-1',
      status: 'AWAITING_ACTION',
      expiresAt: new Date(Date.UTC(2026, 0, 1, 1)),
      timeoutAction: 'ROLLBACK',
    };
    const d = deployment({ stage: 'POST_TEST_TRAFFIC_SHIFT', hooks: [hook] });
    expect(judge(d)).toEqual({ kind: 'paused', deployment: d, hook });
    expect(judge(d, { ...DEPLOYED, onPause: 'wait' })).toEqual({
      kind: 'continue',
      note: 'ECS waits at POST_TEST_TRAFFIC_SHIFT for a decision on PAUSE hook ecs-pause-1; it expires at 2026-01-01T01:00:00.000Z (in 1h 00m), then ROLLBACK',
    });
  });

  it('a stage target is reached by position: a stage that passed between two polls counts', () => {
    const wait: WatchWait = { ...DEPLOYED, target: { kind: 'stage', stage: 'PRODUCTION_TRAFFIC_SHIFT' } };
    expect(judge(deployment({ stage: 'TEST_TRAFFIC_SHIFT' }), wait)).toEqual({ kind: 'continue' });
    expect(judge(deployment({ stage: 'BAKE_TIME' }), wait)).toMatchObject({
      kind: 'stage-reached',
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
    });
    expect(reached(undefined, 'BAKE_TIME', STAGES)).toBe(false);
    expect(reached('NOT_A_STAGE', 'BAKE_TIME', STAGES)).toBe(false);
  });

  it('Slipway’s own fail-fast on the rollout’s stopped tasks still applies while in progress', () => {
    const crashed = { id: 't1', category: 'pull' as const, reason: 'CannotPullContainerError', containers: [] };
    const verdict = judgeDeployment(
      {
        observation: { ...seen(deployment()), stoppedTasks: [crashed] },
        subject: { rolloutId: 'r-new', revisionId: NEW.id, stableRevisionId: STABLE.id, platformRollback: true },
        policy: DEFAULT_FAIL_FAST,
        now: 0,
        rollbackAnnounced: false,
      },
      deployment(),
    );
    expect(verdict).toMatchObject({ kind: 'failed', reason: '1 task(s) stopped with pull errors' });
    expect(whyItEnded(deployment())).toBe('ECS says IN_PROGRESS');
  });
});
