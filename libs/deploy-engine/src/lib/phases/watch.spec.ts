import { ProviderError } from '../errors';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider, NEW, observation, rollout, STABLE } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { ProgressTracker } from './progress';
import { watchRollout } from './watch';
import { DEFAULT_FAIL_FAST } from './fail-fast';

const handle = { rolloutId: 'r-new', revision: NEW };
const subject = { rolloutId: 'r-new', revisionId: NEW.id, stableRevisionId: STABLE.id, platformRollback: false };

function setup(onSleep?: (now: number) => void) {
  const clock = new SimulatedClock(0, () => 0.5, onSleep);
  const lines: string[] = [];
  const context = {
    clock,
    policy: DEFAULT_POLL_POLICY,
    log: (l: string) => lines.push(l),
    startedAt: 0,
    failFast: DEFAULT_FAIL_FAST,
    signal: undefined as AbortSignal | undefined,
  };
  return { clock, lines, context, provider: new FakeProvider() };
}

describe('watchRollout', () => {
  it('polls at the steady interval until the rollout completes, stamping lines with elapsed time', async () => {
    const { provider, context, lines, clock } = setup();
    provider.observations = [
      observation([rollout()]),
      observation([rollout({ running: 1 })]),
      observation([rollout({ running: 2, state: 'COMPLETED' })]),
    ];
    const result = await watchRollout(provider, handle, subject, new ProgressTracker(), 60_000, context);
    expect(result.outcome.kind).toBe('completed');
    expect(result.polls).toBe(3);
    expect(clock.sleeps).toEqual([3_500, 3_500, 3_500]);
    expect(lines[0]).toMatch(/^\[00:03\] PRIMARY app:2 IN_PROGRESS: desired 2, pending 0, running 0/);
    expect(lines[1]).toMatch(/^\[00:07\] PRIMARY app:2 IN_PROGRESS: desired 2, pending 0, running 1/);
  });

  it('backs off on throttling and carries on', async () => {
    const { provider, context, clock, lines } = setup();
    const throttled = new ProviderError('throttled', 'Rate exceeded', 'ecs:DescribeServices');
    provider.observations = [
      throttled,
      throttled,
      throttled,
      observation([rollout({ running: 2, state: 'COMPLETED' })]),
    ];
    const result = await watchRollout(provider, handle, subject, new ProgressTracker(), 600_000, context);
    expect(result.outcome.kind).toBe('completed');
    expect(clock.sleeps).toEqual([3_500, 5_250, 10_500, 21_000]);
    expect(lines.filter((l) => l.includes('throttled'))).toHaveLength(3);
  });

  it('retries other read errors a few times, then reports the rollout lost', async () => {
    const { provider, context } = setup();
    provider.observations = [new ProviderError('unavailable', 'socket hang up', 'ecs:DescribeServices')];
    const result = await watchRollout(provider, handle, subject, new ProgressTracker(), 600_000, context);
    expect(result.outcome).toEqual({ kind: 'lost', reason: 'cannot read the rollout (5 attempts): socket hang up' });
  });

  it('recovers from a single read error', async () => {
    const { provider, context } = setup();
    provider.observations = [new Error('boom'), observation([rollout({ running: 2, state: 'COMPLETED' })])];
    expect((await watchRollout(provider, handle, subject, new ProgressTracker(), 600_000, context)).outcome.kind).toBe(
      'completed',
    );
  });

  it('times out at the deadline without overshooting it, with a heartbeat every minute', async () => {
    const { provider, context, clock, lines } = setup();
    provider.observations = [observation([rollout()])];
    const result = await watchRollout(provider, handle, subject, new ProgressTracker(), 150_000, context);
    expect(result.outcome.kind).toBe('timeout');
    expect(clock.now()).toBe(150_000);
    expect(lines.filter((l) => l.includes('still waiting'))).toHaveLength(2);
  });

  it('stops when interrupted and keeps the last observation', async () => {
    const controller = new AbortController();
    const { provider, context } = setup((now) => now > 10_000 && controller.abort());
    context.signal = controller.signal;
    provider.observations = [observation([rollout({ running: 1 })])];
    const result = await watchRollout(provider, handle, subject, new ProgressTracker(), 600_000, context);
    expect(result.outcome.kind).toBe('interrupted');
    expect(result.last?.rollouts[0].running).toBe(1);
  });

  it('notes once that it waits for the platform rollback after FAILED', async () => {
    const { provider, context, lines } = setup();
    const failed = observation([rollout({ state: 'FAILED' })]);
    provider.observations = [failed];
    const result = await watchRollout(
      provider,
      handle,
      { ...subject, platformRollback: true },
      new ProgressTracker(),
      600_000,
      context,
    );
    expect(result.outcome.kind).toBe('failed');
    expect(lines.filter((l) => l.includes('waiting for the platform'))).toHaveLength(1);
  });
});

describe('watchRollout with a provider that follows the rollout (Kubernetes watches)', () => {
  /** A follower whose changes arrive at the given simulated times. */
  function following(clock: SimulatedClock, changesAt: number[]) {
    const pending = [...changesAt];
    const follower = {
      closed: 0,
      nextChange: (signal: AbortSignal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => resolve(), { once: true });
          const at = pending.shift();
          if (at !== undefined) void clock.at(at).then(() => resolve());
        }),
      close: () => void follower.closed++,
    };
    return follower;
  }

  it('looks as soon as the platform pushes a change, not at the next interval', async () => {
    const { provider, context, clock, lines } = setup();
    const follower = following(clock, [1_200, 2_000]);
    provider.observations = [
      observation([rollout({ running: 1 })]),
      observation([rollout({ running: 2, state: 'COMPLETED' })]),
    ];
    const followed = Object.assign(provider, { follow: () => follower });
    const result = await watchRollout(followed, handle, subject, new ProgressTracker(), 60_000, context);
    expect(result).toMatchObject({ outcome: { kind: 'completed' }, polls: 2 });
    expect(clock.now()).toBe(2_000);
    expect(clock.sleeps).toEqual([1_200, 800]);
    expect(lines[0]).toMatch(/^\[00:01\] PRIMARY app:2 IN_PROGRESS/);
    expect(follower.closed).toBe(1);
  });

  it('still looks at the steady interval when nothing is pushed, and closes the follower however it ends', async () => {
    const { provider, context, clock } = setup();
    const follower = following(clock, []);
    provider.observations = [observation([rollout()])];
    const followed = Object.assign(provider, { follow: () => follower });
    const result = await watchRollout(followed, handle, subject, new ProgressTracker(), 10_000, context);
    expect(result.outcome.kind).toBe('timeout');
    expect(clock.sleeps).toEqual([3_500, 3_500, 3_000]);
    expect(follower.closed).toBe(1);

    provider.observations = [new Error('boom')];
    const lost = await watchRollout(followed, handle, subject, new ProgressTracker(), 600_000, context);
    expect(lost.outcome.kind).toBe('lost');
    expect(follower.closed).toBe(2);
  });
});
