import type { StoppedTask } from '../provider';
import { NEW, observation, rollout, STABLE, STABLE_ROLLOUT } from '../test-support/fake-provider';
import { DEFAULT_FAIL_FAST } from './fail-fast';
import type { VerdictInput, WatchSubject } from './verdict';
import { announcesRollback, judgeRollout } from './watch-verdict';

const subject: WatchSubject = {
  rolloutId: 'r-new',
  revisionId: NEW.id,
  stableRevisionId: STABLE.id,
  platformRollback: true,
};
const judge = (input: Partial<VerdictInput> & Pick<VerdictInput, 'observation'>) =>
  judgeRollout({ subject, policy: DEFAULT_FAIL_FAST, now: 100_000, rollbackAnnounced: false, ...input });
const task = (category: StoppedTask['category'], id = `t-${category}`): StoppedTask => ({
  id,
  category,
  reason: `${category} reason`,
  containers: [],
});
const rollbackRollout = rollout({ id: 'r-back', revisionId: STABLE.id, revisionLabel: STABLE.label });

describe('judgeRollout', () => {
  it('continues while the rollout progresses', () => {
    expect(
      judge({ observation: observation([rollout({ running: 1 }), { ...STABLE_ROLLOUT, primary: false }]) }),
    ).toEqual({ kind: 'continue' });
  });

  it('completes only when COMPLETED with running = desired', () => {
    expect(judge({ observation: observation([rollout({ state: 'COMPLETED', running: 2 })]) }).kind).toBe('completed');
    expect(judge({ observation: observation([rollout({ state: 'COMPLETED', running: 1 })]) }).kind).toBe('continue');
  });

  it.each(['pull', 'init', 'essential-exit'] as const)('fails at the first %s stop', (category) => {
    const verdict = judge({ observation: observation([rollout()], { stoppedTasks: [task(category)] }) });
    expect(verdict).toMatchObject({ kind: 'failed', reason: `1 task(s) stopped with ${category} errors` });
  });

  it('fails when failed tasks climb to the limit, not before', () => {
    expect(judge({ observation: observation([rollout({ failed: 1 })]) }).kind).toBe('continue');
    expect(judge({ observation: observation([rollout({ failed: 2 })]) })).toMatchObject({
      kind: 'failed',
      reason: '2 failed task(s) (limit 2)',
    });
    const health = judge({
      observation: observation([rollout()], {
        stoppedTasks: [task('health', 'a'), task('health', 'b'), task('benign', 'c')],
      }),
    });
    expect(health).toMatchObject({
      kind: 'failed',
      tasks: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' })],
    });
  });

  it('ignores benign stops (scale-in, replaced tasks)', () => {
    expect(
      judge({ observation: observation([rollout()], { stoppedTasks: [task('benign', 'x'), task('benign', 'y')] }) })
        .kind,
    ).toBe('continue');
  });

  it('waits briefly for the platform rollback after FAILED, then calls it failed', () => {
    const failed = observation([rollout({ state: 'FAILED', reason: 'circuit breaker: tasks failed to start.' })]);
    expect(judge({ observation: failed, failedSince: 95_000 })).toMatchObject({
      kind: 'continue',
      note: expect.stringContaining('waiting for the platform'),
    });
    expect(judge({ observation: failed, failedSince: 70_000 })).toMatchObject({
      kind: 'failed',
      reason: 'rollout FAILED: circuit breaker: tasks failed to start.',
    });
    expect(
      judge({
        observation: observation([rollout({ state: 'FAILED' })]),
        subject: { ...subject, platformRollback: false },
      }),
    ).toMatchObject({ kind: 'failed', reason: 'rollout FAILED' });
  });

  it('recognises the circuit breaker rolling back: our rollout FAILED and displaced by the stable revision', () => {
    const obs = observation([
      rollbackRollout,
      rollout({ primary: false, state: 'FAILED', reason: 'tasks failed to start.' }),
    ]);
    expect(judge({ observation: obs })).toEqual({
      kind: 'platform-rollback',
      reason: 'rollout FAILED: tasks failed to start.',
      rollbackRolloutId: 'r-back',
    });
  });

  it('recognises a finished platform rollback from its events when our rollout already vanished', () => {
    const obs = observation([{ ...rollbackRollout, state: 'COMPLETED', running: 2 }]);
    expect(judge({ observation: obs, rollbackAnnounced: true })).toMatchObject({
      kind: 'platform-rollback',
      reason: 'the platform rolled the rollout back',
    });
    expect(judge({ observation: obs, rollbackAnnounced: false })).toMatchObject({ kind: 'superseded' });
  });

  it('calls a healthy rollout displaced by another one superseded, even if it targets the stable revision', () => {
    const other = rollout({ id: 'r-other', revisionId: 'rev-9', revisionLabel: 'app:9' });
    expect(judge({ observation: observation([other, rollout({ primary: false })]) })).toEqual({
      kind: 'superseded',
      by: other,
    });
    expect(judge({ observation: observation([rollbackRollout, rollout({ primary: false })]) }).kind).toBe('superseded');
    expect(judge({ observation: observation([]) })).toEqual({ kind: 'superseded', by: undefined });
  });

  it('fails when the target itself goes away', () => {
    expect(judge({ observation: observation([rollout()], { status: 'DRAINING' }) })).toMatchObject({
      kind: 'failed',
      reason: 'the target became DRAINING during the rollout',
    });
  });

  it('spots rollback announcements in platform events', () => {
    expect(announcesRollback('(service api) rolling back to deployment ecs-svc/1.')).toBe(true);
    expect(announcesRollback('(service api) has reached a steady state.')).toBe(false);
  });
});
