import { rollout, STABLE, STABLE_ROLLOUT } from '../test-support/fake-provider';
import type { TargetState } from '../provider';
import { guardRollouts } from './guard';

const target = (rollouts: TargetState['rollouts']): TargetState => ({
  status: 'ACTIVE',
  current: STABLE,
  stable: STABLE,
  rollouts,
  events: [],
  platformRollback: false,
});

describe('guardRollouts', () => {
  it('allows a deploy when one completed rollout is all there is', () => {
    expect(guardRollouts(target([STABLE_ROLLOUT]), false)).toEqual({ allowed: true });
  });
  it('allows a deploy over a primary rollout that failed and stalled', () => {
    expect(guardRollouts(target([rollout({ state: 'FAILED' })]), false).allowed).toBe(true);
  });
  it('refuses while a rollout is in progress or old tasks drain, naming them', () => {
    const busy = target([rollout({ running: 1 }), { ...STABLE_ROLLOUT, primary: false }]);
    const decision = guardRollouts(busy, false);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.reason).toContain('r-new → app:2 IN_PROGRESS, primary, running 1/2');
    expect(decision.reason).toContain('r-old → app:1 COMPLETED, draining');
    expect(decision.reason).toContain('--force');
  });
  it('--force turns the refusal into a warning', () => {
    const decision = guardRollouts(target([rollout()]), true);
    expect(decision).toMatchObject({ allowed: true, warning: expect.stringContaining('--force') });
  });
});
