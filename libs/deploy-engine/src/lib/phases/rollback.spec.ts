import { ProviderError } from '../errors';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider, observation, rollout, STABLE } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { ProgressTracker } from './progress';
import { rollBack, type RollbackInput } from './rollback';
import { DEFAULT_FAIL_FAST } from './fail-fast';

const back = (overrides = {}) =>
  rollout({ id: 'r-back', revisionId: STABLE.id, revisionLabel: STABLE.label, ...overrides });
const platformBack = (overrides = {}) => back({ id: 'r-cb', ...overrides });

function setup(provider: FakeProvider, input: Partial<RollbackInput> = {}) {
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
  const run = () =>
    rollBack(
      { provider, stable: STABLE, allowed: true, timeoutMs: 60_000, tracker: new ProgressTracker(), ...input },
      context,
    );
  return { run, lines };
}

describe('rollBack', () => {
  it('follows the platform rollback to the end without mutating anything', async () => {
    const provider = new FakeProvider();
    provider.observations = [
      observation([platformBack()]),
      observation([platformBack({ state: 'COMPLETED', running: 2 })]),
    ];
    const { summary } = await setup(provider, { platformRolloutId: 'r-cb' }).run();
    expect(summary).toMatchObject({
      by: 'platform',
      status: 'COMPLETED',
      rolloutId: 'r-cb',
      revision: { label: 'app:1' },
    });
    expect(provider.mutations()).toEqual([]);
  });

  it('takes over when the platform rollback fails', async () => {
    const provider = new FakeProvider();
    let restored = false;
    provider.restore = async () => ((restored = true), { rolloutId: 'r-back', revision: STABLE });
    provider.observations = [
      () =>
        restored
          ? observation([back({ state: 'COMPLETED', running: 2 })])
          : observation([platformBack({ state: 'FAILED' })]),
    ];
    const { summary } = await setup(provider, { platformRolloutId: 'r-cb' }).run();
    expect(summary).toMatchObject({ by: 'slipway', status: 'COMPLETED', rolloutId: 'r-back' });
  });

  it('with --no-rollback only follows the platform and reports a failure as is', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([platformBack({ state: 'FAILED' })])];
    const { summary } = await setup(provider, { platformRolloutId: 'r-cb', allowed: false }).run();
    expect(summary).toMatchObject({ by: 'platform', status: 'FAILED' });
    expect(provider.mutations()).toEqual([]);
  });

  it('is DISABLED without a platform rollback and with --no-rollback', async () => {
    const provider = new FakeProvider();
    const { summary } = await setup(provider, { allowed: false }).run();
    expect(summary).toMatchObject({ by: 'none', status: 'DISABLED', reason: '--no-rollback' });
  });

  it('updates back to the stable revision itself and watches it', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([back()]), observation([back({ state: 'COMPLETED', running: 2 })])];
    const { summary } = await setup(provider).run();
    expect(summary).toMatchObject({ by: 'slipway', status: 'COMPLETED' });
    expect(provider.mutations()).toEqual(['restore']);
  });

  it.each([
    ['the rollback rollout fails', [observation([back({ state: 'FAILED' })])], 'FAILED'],
    ['someone else deploys', [observation([rollout({ id: 'x', revisionId: 'rev-9' })])], 'SUPERSEDED'],
    ['it never completes', [observation([back()])], 'TIMED_OUT'],
    ['it cannot be read', [new Error('gone')], 'LOST'],
  ])('reports when %s', async (_case, observations, status) => {
    const provider = new FakeProvider();
    provider.observations = observations;
    const { summary } = await setup(provider).run();
    expect(summary.status).toBe(status);
  });

  it('reports a completion on an unexpected revision as a failure', async () => {
    const provider = new FakeProvider();
    provider.restoreResult = { rolloutId: 'r-back', revision: STABLE };
    provider.observations = [
      observation([back({ revisionId: 'rev-7', revisionLabel: 'app:7', state: 'COMPLETED', running: 2 })]),
    ];
    const { summary } = await setup(provider).run();
    expect(summary).toMatchObject({ status: 'FAILED', reason: 'completed on app:7, not app:1' });
  });

  it('reports a rollback that cannot even start', async () => {
    const provider = new FakeProvider();
    provider.restoreResult = new ProviderError('access-denied', 'not allowed', 'ecs:UpdateService');
    const { summary } = await setup(provider).run();
    expect(summary).toMatchObject({ status: 'FAILED', reason: 'could not start the rollback: not allowed' });
  });
});
