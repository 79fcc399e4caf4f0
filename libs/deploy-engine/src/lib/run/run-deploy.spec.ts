import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplyIncompleteError, ProviderError } from '../errors';
import {
  FakeProvider,
  fakeFactory,
  NEW,
  observation,
  rollout,
  STABLE,
  STABLE_ROLLOUT,
} from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import type { EngineDeps } from './context';
import { runDeploy, runRollback } from './run-deploy';

const root = mkdtempSync(join(tmpdir(), 'slipway-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, 'deploy.json'),
  JSON.stringify({
    environments: { staging: { provider: 'fake', cluster: 's' }, production: { provider: 'fake', cluster: 'p' } },
  }),
);
const base = { config: 'deploy.json', environment: 'production', version: 'v1.2.0' };

function deps(provider: FakeProvider, lines: string[] = []): EngineDeps {
  return {
    app: 'api',
    workspaceRoot: root,
    providers: [fakeFactory(provider)],
    env: {},
    log: (l) => lines.push(l),
    clock: new SimulatedClock(0),
  };
}
const back = (overrides = {}) =>
  rollout({ id: 'r-back', revisionId: STABLE.id, revisionLabel: STABLE.label, ...overrides });

describe('runDeploy', () => {
  it('deploys: resolve → plan → guard → apply → watch, reporting the version, digest and revisions', async () => {
    const provider = new FakeProvider();
    const report = await runDeploy(base, deps(provider));
    expect(report).toMatchObject({
      command: 'deploy',
      outcome: 'DEPLOYED',
      exitCode: 0,
      app: 'api',
      environment: 'production',
      provider: 'fake',
      version: 'v1.2.0',
      digest: 'sha256:new',
      commit: 'b'.repeat(40),
      previousRevision: { label: 'app:1' },
      newRevision: { label: 'app:2' },
      rolloutId: 'r-new',
    });
    expect(provider.calls).toEqual(['resolveImage', 'readTarget', 'plan', 'apply', 'observe']);
  });

  it('validates everything before any provider call', async () => {
    const provider = new FakeProvider();
    for (const bad of [
      { version: 'latest' },
      { environment: 'prod' },
      { environment: undefined },
      { timeout: 'soon' },
      { cluster: 'bad' },
      { service: '' },
    ]) {
      const report = await runDeploy({ ...base, ...bad }, deps(provider));
      expect(report.outcome).toBe('INVALID_INPUT');
    }
    expect(provider.calls).toEqual([]);
  });

  it('--dry-run prints the plan and changes nothing, noting a guard that would refuse', async () => {
    const provider = new FakeProvider();
    provider.patchTarget({ rollouts: [rollout(), { ...STABLE_ROLLOUT, primary: false }] });
    const lines: string[] = [];
    const report = await runDeploy({ ...base, dryRun: true }, deps(provider, lines));
    expect(report).toMatchObject({ outcome: 'PLANNED', exitCode: 0, dryRun: true });
    expect(report.message).toContain('a real run would be refused');
    expect(lines).toContain('  revision     app:1 → app:2');
    expect(provider.mutations()).toEqual([]);
  });

  it('does nothing when the image already runs, unless forced', async () => {
    const provider = new FakeProvider();
    provider.target = {
      status: 'ACTIVE',
      current: NEW,
      stable: NEW,
      rollouts: [rollout({ state: 'COMPLETED', running: 2 })],
      events: [],
      platformRollback: false,
    };
    expect((await runDeploy(base, deps(provider))).outcome).toBe('ALREADY_DEPLOYED');
    expect(provider.mutations()).toEqual([]);
    expect((await runDeploy({ ...base, force: true }, deps(provider))).outcome).toBe('DEPLOYED');
  });

  it('maps pre-flight errors from the provider to exit 2 with nothing changed', async () => {
    const provider = new FakeProvider();
    provider.target = new ProviderError('access-denied', 'AccessDeniedException: nope', 'ecs:DescribeServices');
    const report = await runDeploy(base, deps(provider));
    expect(report).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      exitCode: 2,
      message: 'pre-flight failed: ecs:DescribeServices: AccessDeniedException: nope. Nothing was changed.',
    });
    provider.target = new Error('kaboom');
    expect((await runDeploy(base, deps(provider))).message).toBe('pre-flight failed: kaboom. Nothing was changed.');
    expect(provider.mutations()).toEqual([]);
  });

  it('a refused apply that created nothing: APPLY_REFUSED (exit 2), nothing changed; a lost one may have changed something (exit 4)', async () => {
    const provider = new FakeProvider();
    provider.applyResult = new ProviderError('access-denied', 'not allowed', 'ecs:RegisterTaskDefinition');
    const refused = await runDeploy(base, deps(provider));
    expect(refused).toMatchObject({
      outcome: 'APPLY_REFUSED',
      exitCode: 2,
      message:
        'ecs:RegisterTaskDefinition was refused: not allowed. Nothing was changed: fake service app stays on app:1 (v1.1.0).',
    });
    expect(refused.unusedRevision).toBeUndefined();
    provider.applyResult = new ProviderError('unavailable', 'socket hang up', 'ecs:UpdateService');
    expect(await runDeploy(base, deps(provider))).toMatchObject({
      outcome: 'FAILED',
      message: expect.stringContaining('may or may not have been updated'),
    });
  });

  describe('an apply that fails after the new revision was registered', () => {
    const cleanup = ['aws ecs deregister-task-definition --task-definition app:2'];
    const incomplete = (kind: 'access-denied' | 'throttled' | 'unavailable', message: string) =>
      new ApplyIncompleteError(new ProviderError(kind, message, 'ecs:UpdateService'), NEW, cleanup);

    it('refused: APPLY_REFUSED (exit 2), says nothing running changed and names the unused revision and how to remove it', async () => {
      const provider = new FakeProvider();
      provider.applyResult = incomplete(
        'access-denied',
        'AccessDeniedException: not authorized to perform ecs:UpdateService',
      );
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({
        outcome: 'APPLY_REFUSED',
        exitCode: 2,
        unusedRevision: { id: NEW.id, label: 'app:2', version: 'v1.2.0' },
      });
      expect(report.newRevision).toBeUndefined();
      expect(report.message).toBe(
        'ecs:UpdateService was refused: AccessDeniedException: not authorized to perform ecs:UpdateService. ' +
          'Nothing running changed: fake service app stays on app:1 (v1.1.0). ' +
          'Slipway had registered app:2 (v1.2.0) just before; nothing uses it: leave it (harmless, the next deploy registers its own) or remove it (never app:1) with: ' +
          'aws ecs deregister-task-definition --task-definition app:2',
      );
      expect(report.nextSteps).toEqual(['npx nx run api:deploy-status -- --environment production', ...cleanup]);
      expect(provider.mutations()).toEqual(['apply']);
    });

    it('throttled: retries starting the rollout on the registered revision, never registering a second one', async () => {
      const provider = new FakeProvider();
      provider.applyResult = incomplete('throttled', 'Rate exceeded');
      let starts = 0;
      provider.restore = async (revision) => {
        provider.calls.push('restore');
        provider.restoredTo.push(revision.id);
        if (++starts < 3) throw new ProviderError('throttled', 'Rate exceeded', 'ecs:UpdateService');
        return { rolloutId: 'r-new', revision };
      };
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({ outcome: 'DEPLOYED', newRevision: { label: 'app:2' } });
      expect(provider.mutations()).toEqual(['apply', 'restore', 'restore', 'restore']);
      expect(provider.restoredTo).toEqual([NEW.id, NEW.id, NEW.id]);
    });

    it('still refused after the throttling retries: the revision is named unused', async () => {
      const provider = new FakeProvider();
      provider.applyResult = incomplete('throttled', 'Rate exceeded');
      provider.restoreResult = new ProviderError('throttled', 'Rate exceeded', 'ecs:UpdateService');
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({ outcome: 'APPLY_REFUSED', unusedRevision: { label: 'app:2' } });
      expect(provider.mutations().filter((m) => m === 'apply')).toHaveLength(1);
    });

    it('lost: FAILED (exit 4), names the registered revision and does not suggest removing it', async () => {
      const provider = new FakeProvider();
      provider.applyResult = incomplete('unavailable', 'socket hang up');
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({ outcome: 'FAILED', exitCode: 4 });
      expect(report.message).toBe(
        'ecs:UpdateService failed: socket hang up; Slipway had registered app:2 (v1.2.0), and the service may or may not have been moved to it: check its status before acting, and do not deregister app:2 while anything runs it',
      );
      expect(report.unusedRevision).toBeUndefined();
      expect(report.nextSteps).toEqual(['npx nx run api:deploy-status -- --environment production']);
    });
  });

  it('fails fast and rolls back itself: exit 3, with the stop reasons', async () => {
    const provider = new FakeProvider();
    let restored = false;
    provider.restore = async () => ((restored = true), { rolloutId: 'r-back', revision: STABLE });
    const pulled = { id: 't1', category: 'pull' as const, reason: 'CannotPullContainerError', containers: [] };
    provider.observations = [
      () =>
        restored
          ? observation([back({ state: 'COMPLETED', running: 2 })])
          : observation([rollout()], { stoppedTasks: [pulled] }),
    ];
    const report = await runDeploy(base, deps(provider));
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      rollback: { by: 'slipway', status: 'COMPLETED' },
      stoppedTasks: [pulled],
    });
    expect(report.message).toBe(
      'failed: 1 task(s) stopped with pull errors; rolled back by Slipway: app:1 (v1.1.0) is primary and stable',
    );
  });

  it('follows a circuit-breaker rollback: exit 3, by the platform', async () => {
    const provider = new FakeProvider();
    provider.patchTarget({ platformRollback: true });
    const cb = back({ id: 'r-cb' });
    provider.observations = [
      observation([rollout({ failed: 1 })]),
      observation([cb, rollout({ primary: false, state: 'FAILED', reason: 'circuit breaker' })]),
      observation([{ ...cb, state: 'COMPLETED', running: 2 }]),
    ];
    const report = await runDeploy(base, {
      ...deps(provider),
      failFast: { fatalCategories: [], maxFailedTasks: 9, platformRollbackGraceMs: 0 },
    });
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      rollback: { by: 'platform', status: 'COMPLETED', rolloutId: 'r-cb' },
    });
    expect(provider.mutations()).toEqual(['apply']);
  });

  describe('a circuit-breaker trip between the two reads of one poll', () => {
    // Poll 1 read the rollouts before ECS tripped the breaker and the stopped tasks after it:
    // crashed tasks on a rollout still shown IN_PROGRESS, so Slipway's fail-fast fires.
    const crashed = {
      id: 't1',
      category: 'essential-exit' as const,
      reason: 'Essential container in task exited',
      containers: [{ name: 'app', exitCode: 2 }],
    };
    const torn = observation([rollout()], { stoppedTasks: [crashed] });
    const tripped = rollout({
      primary: false,
      state: 'FAILED',
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    const cb = back({ id: 'r-cb' });

    it('re-reads before rolling back and follows the platform rollback instead of starting a second one', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      provider.observations = [
        torn,
        observation([cb, tripped], { stoppedTasks: [crashed] }),
        observation([{ ...cb, state: 'COMPLETED', running: 2 }]),
      ];
      const lines: string[] = [];
      const report = await runDeploy(base, deps(provider, lines));
      expect(provider.mutations()).toEqual(['apply']);
      expect(report).toMatchObject({
        outcome: 'ROLLED_BACK',
        exitCode: 3,
        rollback: { by: 'platform', status: 'COMPLETED', rolloutId: 'r-cb' },
        stoppedTasks: [crashed],
      });
      expect(lines.join('\n')).toContain(
        'the platform is already rolling back to app:1 (r-cb); following it instead of starting a second rollback',
      );
    });

    it('waits for the rollback the platform is about to start when the re-read shows the rollout FAILED', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      provider.observations = [
        torn,
        observation([{ ...tripped, primary: true }]),
        observation([cb, tripped]),
        observation([{ ...cb, state: 'COMPLETED', running: 2 }]),
      ];
      const report = await runDeploy(base, deps(provider));
      expect(provider.mutations()).toEqual(['apply']);
      expect(report).toMatchObject({
        outcome: 'ROLLED_BACK',
        rollback: { by: 'platform', status: 'COMPLETED', rolloutId: 'r-cb' },
      });
    });

    it('rolls back itself once the platform has not started its rollback within the grace period', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      let restored = false;
      provider.restore = async () => ((restored = true), { rolloutId: 'r-back', revision: STABLE });
      provider.observations = [
        torn,
        () =>
          restored
            ? observation([back({ state: 'COMPLETED', running: 2 })])
            : observation([{ ...tripped, primary: true }]),
      ];
      const clock = new SimulatedClock(0);
      const report = await runDeploy(base, { ...deps(provider), clock });
      expect(report).toMatchObject({ outcome: 'ROLLED_BACK', rollback: { by: 'slipway', status: 'COMPLETED' } });
      expect(clock.now()).toBeGreaterThanOrEqual(30_000);
    });

    it('with --no-rollback still follows and reports the platform rollback', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      provider.observations = [
        torn,
        observation([cb, tripped]),
        observation([{ ...cb, state: 'COMPLETED', running: 2 }]),
      ];
      const report = await runDeploy({ ...base, rollback: false }, deps(provider));
      expect(report).toMatchObject({ outcome: 'ROLLED_BACK', rollback: { by: 'platform', status: 'COMPLETED' } });
      expect(provider.mutations()).toEqual(['apply']);
    });

    it('does not roll back over a deployment someone else started meanwhile (exit 6)', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      provider.observations = [
        torn,
        observation([rollout({ id: 'r-x', revisionId: 'rev-9', revisionLabel: 'app:9' }), tripped]),
      ];
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({
        outcome: 'SUPERSEDED',
        exitCode: 6,
        rollback: { by: 'none', status: 'SUPERSEDED' },
      });
      expect(report.message).toContain('not rolled back: r-x (app:9) became primary before Slipway rolled back');
      expect(provider.mutations()).toEqual(['apply']);
    });

    it('does not roll back blindly when the target cannot be read again (exit 4)', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      provider.observations = [torn, new Error('network down')];
      const report = await runDeploy(base, deps(provider));
      expect(report).toMatchObject({ outcome: 'FAILED', exitCode: 4, rollback: { by: 'none', status: 'LOST' } });
      expect(report.message).toContain('could not read the target again before rolling back');
      expect(provider.mutations()).toEqual(['apply']);
    });

    it('an interrupt while waiting for the platform is still an interrupt', async () => {
      const provider = new FakeProvider();
      provider.patchTarget({ platformRollback: true });
      const controller = new AbortController();
      provider.observations = [torn, () => (controller.abort(), observation([{ ...tripped, primary: true }]))];
      const report = await runDeploy(base, { ...deps(provider), signal: controller.signal });
      expect(report).toMatchObject({ outcome: 'INTERRUPTED', rollback: { status: 'INTERRUPTED' } });
      expect(provider.mutations()).toEqual(['apply']);
    });
  });

  it('--no-rollback: exit 4 and the previous revision named', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([rollout({ state: 'FAILED', reason: 'tasks failed to start.' })])];
    const report = await runDeploy({ ...base, rollback: false }, deps(provider));
    expect(report).toMatchObject({ outcome: 'FAILED', exitCode: 4, rollback: { status: 'DISABLED' } });
    expect(report.message).toBe(
      'failed: rollout FAILED: tasks failed to start.; not rolled back (--no-rollback); app:1 (v1.1.0) is the last good revision',
    );
    expect(provider.mutations()).toEqual(['apply']);
  });

  it('a rollback that fails too is exit 4', async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([rollout({ state: 'FAILED' })])];
    provider.restoreResult = new ProviderError('invalid', 'nope', 'ecs:UpdateService');
    const report = await runDeploy(base, deps(provider));
    expect(report).toMatchObject({ outcome: 'FAILED', exitCode: 4, rollback: { status: 'FAILED' } });
    expect(report.message).toContain(
      'rollback to app:1 (v1.1.0) by Slipway failed: could not start the rollback: nope',
    );
  });

  it('times out (exit 5) after restoring, or without restoring under --no-rollback', async () => {
    const provider = new FakeProvider();
    let restored = false;
    provider.restore = async () => ((restored = true), { rolloutId: 'r-back', revision: STABLE });
    provider.observations = [
      () => (restored ? observation([back({ state: 'COMPLETED', running: 2 })]) : observation([rollout()])),
    ];
    const report = await runDeploy({ ...base, timeout: '1m' }, deps(provider));
    expect(report).toMatchObject({ outcome: 'TIMED_OUT', exitCode: 5, rollback: { status: 'COMPLETED' } });
    expect(report.message).toMatch(/^timed out: not completed within 60s; rolled back by Slipway/);
    restored = false;
    const noRollback = await runDeploy({ ...base, timeout: 30, rollback: false }, deps(provider));
    expect(noRollback).toMatchObject({ outcome: 'TIMED_OUT', rollback: { status: 'DISABLED' } });
  });

  it('superseded (exit 6), interrupted (exit 130) and lost (exit 4) come with the commands to check', async () => {
    const provider = new FakeProvider();
    provider.observations = [
      observation([rollout({ id: 'r-x', revisionId: 'rev-9', revisionLabel: 'app:9' }), rollout({ primary: false })]),
    ];
    const superseded = await runDeploy(base, deps(provider));
    expect(superseded).toMatchObject({ outcome: 'SUPERSEDED', exitCode: 6 });
    expect(superseded.message).toContain('superseded by r-x (app:9)');
    expect(superseded.nextSteps).toEqual([
      'npx nx run api:deploy-status -- --environment production',
      'npx nx run api:rollback -- --environment production --to v1.1.0',
      'fake inspect',
    ]);

    provider.observations = [observation([rollout({ running: 1 })])];
    const controller = new AbortController();
    let sleeps = 0;
    const interrupted = await runDeploy(base, {
      ...deps(provider),
      signal: controller.signal,
      clock: new SimulatedClock(
        0,
        () => 0.5,
        () => ++sleeps === 2 && controller.abort(),
      ),
    });
    expect(interrupted).toMatchObject({ outcome: 'INTERRUPTED', exitCode: 130 });
    expect(interrupted.message).toBe(
      'interrupted while watching r-new (IN_PROGRESS, running 1/2, failed 0); the deployment goes on without Slipway watching it',
    );

    provider.observations = [new Error('network down')];
    expect(await runDeploy(base, deps(provider))).toMatchObject({
      outcome: 'FAILED',
      message: expect.stringContaining('may still be running'),
    });
  });

  it("an interrupted run names the exact commands in the safe `nx run … -- …` form, repeating a --config other than the target's own", async () => {
    const provider = new FakeProvider();
    provider.observations = [observation([rollout({ running: 1 })])];
    const controller = new AbortController();
    let sleeps = 0;
    const clock = new SimulatedClock(
      0,
      () => 0.5,
      () => ++sleeps === 2 && controller.abort(),
    );
    const report = await runDeploy(
      { ...base, cluster: 'other' },
      { ...deps(provider), defaultConfig: 'apps/api/deploy.json', signal: controller.signal, clock },
    );
    expect(report).toMatchObject({ outcome: 'INTERRUPTED', exitCode: 130 });
    expect(report.nextSteps).toEqual([
      'npx nx run api:deploy-status -- --config deploy.json --environment production --cluster other',
      'npx nx run api:rollback -- --config deploy.json --environment production --cluster other --to v1.1.0',
      'fake inspect',
    ]);
    provider.observations = [
      observation([rollout({ id: 'r-x', revisionId: 'rev-9', revisionLabel: 'app:9' }), rollout({ primary: false })]),
    ];
    const superseded = await runDeploy(base, { ...deps(provider), defaultConfig: 'deploy.json' });
    expect(superseded.nextSteps[0]).toBe('npx nx run api:deploy-status -- --environment production');
  });

  it('refuses while another rollout moves (exit 7), repeating overrides in the suggested command', async () => {
    const provider = new FakeProvider();
    provider.patchTarget({ rollouts: [rollout()] });
    const report = await runDeploy({ ...base, cluster: 'other' }, deps(provider));
    expect(report).toMatchObject({
      outcome: 'REFUSED_IN_PROGRESS',
      exitCode: 7,
      nextSteps: ['npx nx run api:deploy-status -- --environment production --cluster other'],
    });
    expect(provider.mutations()).toEqual([]);
    const forced = await runDeploy({ ...base, force: true }, deps(provider));
    expect(forced.outcome).toBe('DEPLOYED');
  });

  it('an interrupt before apply changes nothing', async () => {
    const provider = new FakeProvider();
    const controller = new AbortController();
    controller.abort();
    const report = await runDeploy(base, { ...deps(provider), signal: controller.signal });
    expect(report).toMatchObject({
      outcome: 'INTERRUPTED',
      message: 'interrupted before any change; nothing was changed',
    });
    expect(provider.mutations()).toEqual([]);
  });

  it('an interrupt during the rollback is still an interrupt', async () => {
    const provider = new FakeProvider();
    const controller = new AbortController();
    let restored = false;
    provider.restore = async () => ((restored = true), { rolloutId: 'r-back', revision: STABLE });
    provider.observations = [
      () => (restored ? (controller.abort(), observation([back()])) : observation([rollout({ state: 'FAILED' })])),
    ];
    const report = await runDeploy(base, { ...deps(provider), signal: controller.signal });
    expect(report).toMatchObject({ outcome: 'INTERRUPTED', rollback: { status: 'INTERRUPTED' } });
  });
});

describe('runRollback', () => {
  it('goes back to the previous recorded version, skipping redeploys of the current one', async () => {
    const provider = new FakeProvider();
    const redeploy = { ...NEW, id: 'rev-3', label: 'app:3', previousId: NEW.id };
    provider.target = {
      status: 'ACTIVE',
      current: { ...NEW, id: 'rev-4', label: 'app:4', previousId: 'rev-3' },
      stable: NEW,
      rollouts: [STABLE_ROLLOUT],
      events: [],
      platformRollback: false,
    };
    provider.revisions.set('rev-3', redeploy);
    provider.revisions.set(NEW.id, { ...NEW, previousId: STABLE.id });
    const lines: string[] = [];
    const report = await runRollback({ config: 'deploy.json', environment: 'production' }, deps(provider, lines));
    expect(report).toMatchObject({ command: 'rollback', version: 'v1.1.0', outcome: 'DEPLOYED' });
    expect(lines.join('\n')).toContain('previous version: v1.1.0 (app:1)');
  });

  it('--to names the version; --version is refused', async () => {
    const provider = new FakeProvider();
    expect(
      (await runRollback({ config: 'deploy.json', environment: 'production', to: 'v1.0.0' }, deps(provider))).version,
    ).toBe('v1.0.0');
    const wrong = await runRollback(
      { config: 'deploy.json', environment: 'production', version: 'v1.0.0' },
      deps(provider),
    );
    expect(wrong).toMatchObject({ outcome: 'INVALID_INPUT', message: expect.stringContaining('--to') });
  });

  it('fails pre-flight when nothing was recorded, or the revisions cannot be read', async () => {
    const provider = new FakeProvider();
    const none = await runRollback({ config: 'deploy.json', environment: 'production' }, deps(provider));
    expect(none).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('no previous version is recorded on app:1'),
    });
    provider.target = new ProviderError('throttled', 'Rate exceeded', 'ecs:DescribeServices');
    const throttled = await runRollback({ config: 'deploy.json', environment: 'production' }, deps(provider));
    expect(throttled.message).toContain('pre-flight failed: ecs:DescribeServices: Rate exceeded');
    expect(provider.mutations()).toEqual([]);
  });
});
