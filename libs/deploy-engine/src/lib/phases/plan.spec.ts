import { FakeProvider, IMAGE, NEW, rollout, STABLE, STABLE_ROLLOUT } from '../test-support/fake-provider';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { SimulatedClock } from '../test-support/simulated-clock';
import type { TargetState } from '../provider';
import { assertUsable, formatPlan, isAlreadyDeployed, planRelease } from './plan';

const target: TargetState = {
  status: 'ACTIVE',
  current: STABLE,
  stable: STABLE,
  rollouts: [STABLE_ROLLOUT],
  events: [],
  platformRollback: true,
};
const context = { clock: new SimulatedClock(), policy: DEFAULT_POLL_POLICY };

describe('plan phase', () => {
  it('reads the target and asks the provider for the new revision', async () => {
    const provider = new FakeProvider();
    const { plan } = await planRelease(provider, IMAGE, context);
    expect(plan.changes).toEqual([{ field: 'image', from: STABLE.image, to: IMAGE.reference }]);
    expect(provider.calls).toEqual(['readTarget', 'plan']);
  });
  it('refuses a target that is not ACTIVE', () => {
    expect(() => assertUsable({ ...target, status: 'DRAINING' }, 'svc')).toThrow('svc is DRAINING, not ACTIVE');
  });
  it('knows when the exact image already runs settled', () => {
    expect(isAlreadyDeployed({ ...target, current: NEW }, IMAGE)).toBe(true);
    expect(isAlreadyDeployed(target, IMAGE)).toBe(false);
    expect(isAlreadyDeployed({ ...target, current: NEW, rollouts: [rollout()] }, IMAGE)).toBe(false);
  });
  it('prints current → new image, revision and the rollback target when it differs', () => {
    const lines = formatPlan(
      {
        image: IMAGE,
        current: NEW,
        stable: STABLE,
        nextLabel: 'app:3+',
        changes: [{ field: 'image', from: 'a', to: 'b' }],
        facts: [['service', 'app']],
      },
      'svc',
    );
    expect(lines).toEqual([
      'Plan for svc:',
      '  service      app',
      '  revision     app:2 → app:3+',
      '  image:',
      '    - a',
      '    + b',
      '  rollback to  app:1 (last completed revision)',
    ]);
  });
});
