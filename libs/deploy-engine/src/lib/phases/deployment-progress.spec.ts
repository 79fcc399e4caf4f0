import { observation } from '../test-support/fake-provider';
import { deployment, share } from '../test-support/platform-deployments';
import { formatDeployment, sampleOf } from './deployment-progress';
import { checkPolicy } from './policy-check';
import { ProgressTracker } from './progress';
import type { TargetState } from '../provider';
import { BLUE_GREEN_POLICY } from '../test-support/platform-deployments';

describe('progress of an ECS service deployment', () => {
  it('one line: status, strategy, stage, traffic per revision, task counts, monitors and hooks', () => {
    const d = deployment({
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
      revisions: [
        share({ productionWeight: 10, testWeight: 100, pending: 1, running: 1 }),
        share({ id: 'srv-1', label: 'app:1', role: 'source', productionWeight: 90, testWeight: 0 }),
      ],
      circuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 3 },
      alarms: { status: 'TRIGGERED', names: ['a'], triggered: ['a'] },
      hooks: [{ id: 'h1', status: 'AWAITING_ACTION' }],
    });
    expect(formatDeployment(d)).toBe(
      'ECS deployment IN_PROGRESS (BLUE_GREEN) at PRODUCTION_TRAFFIC_SHIFT; production traffic app:2 10% / app:1 90%; test traffic app:2 100% / app:1 0%; tasks app:2 1/2 running 1 pending, app:1 2/2 running; circuit breaker MONITORING 1/3 failed; alarms in ALARM: a; hook h1 AWAITING_ACTION',
    );
    expect(sampleOf(d, 5_000)).toEqual({
      atMs: 5_000,
      status: 'IN_PROGRESS',
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
      revisions: [
        { label: 'app:2', role: 'target', running: 1, productionWeight: 10 },
        { label: 'app:1', role: 'source', running: 2, productionWeight: 90 },
      ],
      triggeredAlarms: ['a'],
      hook: 'h1 AWAITING_ACTION',
    });
  });

  it('is printed only when it changes, and each notice once', () => {
    const tracker = new ProgressTracker();
    const first = tracker.update(observation([], { deployment: deployment(), notices: ['no API here'] }));
    expect(first.lines).toEqual(['note: no API here', expect.stringMatching(/^ECS deployment IN_PROGRESS/)]);
    expect(first.deploymentChanged).toBe(true);
    const again = tracker.update(observation([], { deployment: deployment(), notices: ['no API here'] }));
    expect(again).toMatchObject({ lines: [], deploymentChanged: false });
    expect(tracker.update(observation([], { deployment: deployment({ stage: 'BAKE_TIME' }) })).lines).toHaveLength(1);
  });
});

describe('deployment settings checked before any change', () => {
  const target = (policy = BLUE_GREEN_POLICY): TargetState => ({ policy }) as unknown as TargetState;

  it('passes the provider’s refusals on, all at once', () => {
    expect(checkPolicy(target({ ...BLUE_GREEN_POLICY, refusals: ['one', 'two'] }), { kind: 'deployed' })).toEqual([
      'one',
      'two',
    ]);
  });

  it('a stage target must exist for the strategy, and needs the deployment object to be followable', () => {
    const stage = (name: string) => ({ kind: 'stage' as const, stage: name });
    expect(checkPolicy(target(), stage('BAKE_TIME'))).toEqual([]);
    expect(checkPolicy(target({ ...BLUE_GREEN_POLICY, strategy: 'ROLLING', stages: [] }), stage('BAKE_TIME'))).toEqual([
      '--wait-until stage:BAKE_TIME: ROLLING deployments have no lifecycle stages; use --wait-until deployed',
    ]);
    expect(checkPolicy(target(), stage('WARM_UP'))[0]).toMatch(
      /^--wait-until stage:WARM_UP: BLUE_GREEN deployments have no stage WARM_UP; stages: SCALE_UP, TEST_TRAFFIC_SHIFT/,
    );
    expect(checkPolicy(target({ ...BLUE_GREEN_POLICY, followable: false }), stage('BAKE_TIME'))[0]).toMatch(
      /needs the ECS service-deployments API/,
    );
    expect(checkPolicy({} as TargetState, stage('BAKE_TIME'))[0]).toMatch(/this platform reports no lifecycle stages/);
  });
});
