import { observation, rollout } from '../test-support/fake-provider';
import { formatStoppedTask, ProgressTracker, shortTaskId } from './progress';

describe('ProgressTracker', () => {
  it('prints a rollout only when it changes, each event and stopped task once, events oldest first', () => {
    const tracker = new ProgressTracker([{ id: 'old', at: new Date(0), message: 'history' }]);
    const first = tracker.update(
      observation([rollout()], {
        events: [
          { id: 'e2', at: new Date(2), message: 'second' },
          { id: 'e1', at: new Date(1), message: 'first' },
          { id: 'old', at: new Date(0), message: 'history' },
        ],
      }),
    );
    expect(first.lines).toEqual([
      'PRIMARY app:2 IN_PROGRESS: desired 2, pending 0, running 0, failed 0 [r-new]',
      'event: first',
      'event: second',
    ]);
    const same = tracker.update(
      observation([rollout()], { events: [{ id: 'e2', at: new Date(2), message: 'second' }] }),
    );
    expect(same.lines).toEqual([]);
    const task = {
      id: 'arn:aws:ecs:x:task/c/abc123',
      category: 'pull' as const,
      reason: 'CannotPullContainerError: nope',
      code: 'TaskFailedToStart',
      containers: [{ name: 'api', exitCode: 1, reason: 'boom' }, { name: 'side' }],
    };
    const next = tracker.update(observation([rollout({ running: 1, reason: 'why' })], { stoppedTasks: [task] }));
    expect(next.lines).toEqual([
      'PRIMARY app:2 IN_PROGRESS (why): desired 2, pending 0, running 1, failed 0 [r-new]',
      'task abc123 stopped (pull) [TaskFailedToStart]: CannotPullContainerError: nope; api exit 1 (boom)',
    ]);
    expect(
      tracker.update(observation([rollout({ running: 1, reason: 'why', primary: true })], { stoppedTasks: [task] }))
        .lines,
    ).toEqual([]);
  });

  it('formats tasks without details and non-primary rollouts', () => {
    expect(formatStoppedTask({ id: 't', category: 'other', reason: 'gone', containers: [] })).toBe(
      'task t stopped (other): gone',
    );
    expect(shortTaskId('a/b/c')).toBe('c');
    const tracker = new ProgressTracker();
    expect(tracker.update(observation([rollout({ primary: false })])).lines[0]).toMatch(/^ACTIVE /);
  });
});
