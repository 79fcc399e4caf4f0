import { categorizeStop, toStoppedTask } from './stopped-tasks';

describe('why a task stopped', () => {
  it.each([
    [
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
      },
      'pull',
    ],
    [
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'Task failed to start',
        containers: [{ reason: 'CannotPullContainerError: ref not found' }],
      },
      'pull',
    ],
    [{ stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitializationError: unable to pull secrets' }, 'init'],
    [{ stoppedReason: 'CannotStartContainerError: Error response from daemon' }, 'init'],
    [{ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' }, 'essential-exit'],
    [{ stoppedReason: 'Essential container in task exited' }, 'essential-exit'],
    [
      { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed ELB health checks in (target-group arn:…)' },
      'health',
    ],
    [{ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks' }, 'health'],
    [
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/123)',
      },
      'benign',
    ],
    [{ stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' }, 'benign'],
    [{ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' }, 'benign'],
    [{ stoppedReason: 'Host EC2 (instance i-1) terminated.' }, 'other'],
    [{}, 'other'],
  ] as const)('%p → %s', (task, category) => {
    expect(categorizeStop(task as never)).toBe(category);
  });

  it('keeps the reason, stop code and each container’s exit code', () => {
    expect(
      toStoppedTask({
        taskArn: 'arn:task/1',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        stoppedAt: new Date(1),
        containers: [{ name: 'api', exitCode: 137, reason: 'OutOfMemory' }, {}],
      }),
    ).toEqual({
      id: 'arn:task/1',
      category: 'essential-exit',
      reason: 'Essential container in task exited',
      code: 'EssentialContainerExited',
      containers: [
        { name: 'api', exitCode: 137, reason: 'OutOfMemory' },
        { name: '?', exitCode: undefined, reason: undefined },
      ],
      stoppedAt: new Date(1),
    });
    expect(toStoppedTask({})).toMatchObject({ id: '', reason: '(no reason given)', containers: [] });
  });
});
