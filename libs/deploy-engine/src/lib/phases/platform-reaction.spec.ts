import { ProviderError } from '../errors';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider, NEW, observation, rollout, STABLE } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { judgePlatformReaction, recheckBeforeRollback } from './platform-reaction';
import { ProgressTracker } from './progress';
import { DEFAULT_FAIL_FAST } from './fail-fast';
import type { WatchSubject } from './verdict';

const subject: WatchSubject = {
  rolloutId: 'r-new',
  revisionId: NEW.id,
  stableRevisionId: STABLE.id,
  platformRollback: true,
};
const back = rollout({ id: 'r-cb', revisionId: STABLE.id, revisionLabel: STABLE.label });
const failedMine = rollout({ state: 'FAILED', primary: false });

describe('judgePlatformReaction', () => {
  it('a new primary rollout to the stable revision is the platform rolling back', () => {
    expect(judgePlatformReaction(observation([back, failedMine]), subject)).toEqual({
      kind: 'rolling-back',
      rolloutId: 'r-cb',
    });
    // even before the old one is listed as FAILED: the breaker already moved the target
    expect(judgePlatformReaction(observation([back]), subject)).toEqual({ kind: 'rolling-back', rolloutId: 'r-cb' });
  });

  it('a primary rollout to any other revision is someone else superseding', () => {
    const other = rollout({ id: 'r-x', revisionId: 'rev-9' });
    expect(judgePlatformReaction(observation([other, failedMine]), subject)).toEqual({ kind: 'superseded', by: other });
    expect(
      judgePlatformReaction(observation([back, failedMine]), { ...subject, platformRollback: false }),
    ).toMatchObject({ kind: 'superseded' });
  });

  it('the watched rollout FAILED and still primary: the platform is about to roll back, if it does that', () => {
    const failed = observation([rollout({ state: 'FAILED' })]);
    expect(judgePlatformReaction(failed, subject)).toEqual({ kind: 'about-to-roll-back' });
    expect(judgePlatformReaction(failed, { ...subject, platformRollback: false })).toEqual({ kind: 'none' });
  });

  it('a watched rollout still in progress and primary leaves the rollback to Slipway', () => {
    expect(judgePlatformReaction(observation([rollout()]), subject)).toEqual({ kind: 'none' });
  });
});

describe('recheckBeforeRollback', () => {
  function setup(provider: FakeProvider) {
    const lines: string[] = [];
    const clock = new SimulatedClock(0);
    const context = {
      clock,
      policy: DEFAULT_POLL_POLICY,
      log: (l: string) => lines.push(l),
      say: (l: string) => lines.push(l),
      startedAt: 0,
      failFast: DEFAULT_FAIL_FAST,
    };
    const watched = { handle: { rolloutId: 'r-new', revision: NEW }, subject };
    return {
      lines,
      clock,
      run: (failedSince?: number) =>
        recheckBeforeRollback(provider, { ...watched, failedSince }, new ProgressTracker(), context),
    };
  }

  it('retries a read that fails for a moment, and prints what the read shows', async () => {
    const provider = new FakeProvider();
    provider.observations = [
      new ProviderError('unavailable', 'socket hang up', 'ecs:DescribeServices'),
      observation([back, failedMine]),
    ];
    const { run, lines } = setup(provider);
    expect(await run()).toEqual({ kind: 'rolling-back', rolloutId: 'r-cb' });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('could not read the target again (socket hang up); retrying'),
        expect.stringContaining('PRIMARY app:1 IN_PROGRESS'),
      ]),
    );
  });

  it('does not wait again when the watch already waited out the grace', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([rollout({ state: 'FAILED' })])];
    const { run, clock } = setup(provider);
    expect(await run(-DEFAULT_FAIL_FAST.platformRollbackGraceMs)).toEqual({ kind: 'none' });
    expect(clock.now()).toBe(0);
    expect(provider.calls.filter((c) => c === 'observe')).toHaveLength(1);
  });

  it('waits only for the rest of the grace, then leaves the rollback to Slipway', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([rollout({ state: 'FAILED' })])];
    const { run, clock } = setup(provider);
    expect(await run(-20_000)).toEqual({ kind: 'none' });
    expect(clock.now()).toBe(DEFAULT_FAIL_FAST.platformRollbackGraceMs - 20_000);
  });

  it('reports someone else taking over while it waits', async () => {
    const provider = new FakeProvider();
    const other = rollout({ id: 'r-x', revisionId: 'rev-9', revisionLabel: 'app:9' });
    provider.observations = [observation([rollout({ state: 'FAILED' })]), observation([other, failedMine])];
    const { run } = setup(provider);
    expect(await run()).toEqual({ kind: 'superseded', by: other });
  });
});
