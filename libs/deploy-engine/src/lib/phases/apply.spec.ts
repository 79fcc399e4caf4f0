import { ApplyIncompleteError, ProviderError } from '../errors';
import type { ReleasePlan } from '../provider';
import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider, IMAGE, NEW, STABLE } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { applyFailure, applyPlan } from './apply';

const plan: ReleasePlan = { image: IMAGE, current: STABLE, stable: STABLE, nextLabel: 'app:2', changes: [], facts: [] };
const context = () => ({ clock: new SimulatedClock(), policy: DEFAULT_POLL_POLICY });
const throttled = (operation: string) => new ProviderError('throttled', 'Rate exceeded', operation);
const STATUS = 'npx nx run api:deploy-status -- --environment production';
const CLEANUP = ['aws ecs deregister-task-definition --task-definition app:2'];

describe('applyPlan', () => {
  it('returns the rollout the provider started', async () => {
    const provider = new FakeProvider();
    await expect(applyPlan(provider, plan, context())).resolves.toEqual({ rolloutId: 'r-new', revision: NEW });
    expect(provider.mutations()).toEqual(['apply']);
  });

  it('retries a throttled apply that created nothing, after backing off', async () => {
    const provider = new FakeProvider();
    let attempts = 0;
    provider.apply = async () => {
      provider.calls.push('apply');
      if (++attempts < 3) throw throttled('ecs:RegisterTaskDefinition');
      return { rolloutId: 'r-new', revision: NEW };
    };
    const ctx = context();
    await expect(applyPlan(provider, plan, ctx)).resolves.toMatchObject({ rolloutId: 'r-new' });
    expect(provider.mutations()).toEqual(['apply', 'apply', 'apply']);
    expect(ctx.clock.sleeps).toHaveLength(2);
  });

  it('once the revision exists, retries only its start (restore onto it): never a second registration', async () => {
    const provider = new FakeProvider();
    provider.applyResult = new ApplyIncompleteError(throttled('ecs:UpdateService'), NEW, CLEANUP);
    let starts = 0;
    provider.restore = async (revision) => {
      provider.calls.push('restore');
      provider.restoredTo.push(revision.id);
      if (++starts < 2) throw throttled('ecs:UpdateService');
      return { rolloutId: 'r-new', revision };
    };
    await expect(applyPlan(provider, plan, context())).resolves.toEqual({ rolloutId: 'r-new', revision: NEW });
    expect(provider.mutations()).toEqual(['apply', 'restore', 'restore']);
    expect(provider.restoredTo).toEqual([NEW.id, NEW.id]);
  });

  it('a start that fails another way after registration still names the registered revision', async () => {
    const provider = new FakeProvider();
    provider.applyResult = new ApplyIncompleteError(throttled('ecs:UpdateService'), NEW, CLEANUP);
    provider.restoreResult = new Error('socket hang up');
    const error = await applyPlan(provider, plan, context()).catch((e) => e);
    expect(error).toBeInstanceOf(ApplyIncompleteError);
    expect(error).toMatchObject({ registered: NEW, cleanup: CLEANUP, kind: 'unknown', message: 'socket hang up' });
  });
});

describe('applyFailure', () => {
  it('a refusal before anything was created: APPLY_REFUSED, nothing was changed', () => {
    const refused = new ProviderError('access-denied', 'not allowed', 'ecs:RegisterTaskDefinition');
    expect(applyFailure(refused, STABLE, 'fake service app', STATUS)).toEqual({
      outcome: 'APPLY_REFUSED',
      message:
        'ecs:RegisterTaskDefinition was refused: not allowed. ' +
        'Nothing was changed: fake service app stays on app:1 (v1.1.0).',
      nextSteps: [STATUS],
    });
  });

  it('a refusal after registration: nothing running changed, the unused revision named with how to remove it', () => {
    const refused = new ApplyIncompleteError(
      new ProviderError('access-denied', 'not allowed', 'ecs:UpdateService'),
      NEW,
      CLEANUP,
    );
    const failure = applyFailure(refused, STABLE, 'fake service app', STATUS);
    expect(failure).toMatchObject({
      outcome: 'APPLY_REFUSED',
      unusedRevision: { id: NEW.id, label: 'app:2', version: 'v1.2.0' },
      nextSteps: [STATUS, ...CLEANUP],
    });
    expect(failure.message).toBe(
      'ecs:UpdateService was refused: not allowed. ' +
        'Nothing running changed: fake service app stays on app:1 (v1.1.0). ' +
        'Slipway had registered app:2 (v1.2.0) just before; nothing uses it: ' +
        'leave it (harmless, the next deploy registers its own) ' +
        'or remove it (never app:1) with: aws ecs deregister-task-definition --task-definition app:2',
    );
  });

  it('offers no removal when the provider names no cleanup command', () => {
    const refused = new ApplyIncompleteError(new ProviderError('invalid', 'bad', 'docker start'), NEW, []);
    const failure = applyFailure(refused, STABLE, 'container app', STATUS);
    expect(failure.message).toMatch(/leave it \(harmless, the next deploy registers its own\)$/);
    expect(failure.nextSteps).toEqual([STATUS]);
  });

  it('a start that failed another way after registration: FAILED, check before acting', () => {
    const lost = new ApplyIncompleteError(new ProviderError('unavailable', 'reset', 'ecs:UpdateService'), NEW, CLEANUP);
    const failure = applyFailure(lost, STABLE, 'fake service app', STATUS);
    expect(failure.outcome).toBe('FAILED');
    expect(failure.message).toBe(
      'ecs:UpdateService failed: reset; Slipway had registered app:2 (v1.2.0), and the service may or may not ' +
        'have been moved to it: check its status before acting, and do not deregister app:2 while anything runs it',
    );
    expect(failure.unusedRevision).toBeUndefined();
  });

  it('any other failure: FAILED, the service may or may not have been updated', () => {
    expect(applyFailure(new Error('kaboom'), STABLE, 'fake service app', STATUS)).toEqual({
      outcome: 'FAILED',
      message: 'applying the deployment failed: kaboom; the service may or may not have been updated, check its status',
      nextSteps: [STATUS],
    });
  });
});
