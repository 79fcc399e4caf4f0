import { podFailure, podFailures } from './pod-failures';
import { crashLooping, pod, pullFailing, replicaSet, running } from './test-support/fixtures';

const rs = replicaSet('api-new', 'img', 3, { replicas: 2 });

describe('failing pods of the new ReplicaSet', () => {
  it('CrashLoopBackOff is an essential-container exit with the last exit code', () => {
    expect(podFailure(pod('api-new-a', rs, crashLooping(2)))).toEqual({
      id: 'api-new-a',
      category: 'essential-exit',
      code: 'CrashLoopBackOff',
      reason: 'CrashLoopBackOff: back-off 40s restarting failed container=api',
      containers: [{ name: 'api', exitCode: 2, reason: 'Error' }],
      stoppedAt: new Date('2026-01-01T00:01:00Z'),
    });
  });

  it('ImagePullBackOff and ErrImagePull are pull errors', () => {
    expect(podFailure(pod('p', rs, pullFailing()))).toMatchObject({
      category: 'pull',
      code: 'ImagePullBackOff',
      reason: 'ImagePullBackOff: Back-off pulling image',
    });
    expect(podFailure(pod('p', rs, pullFailing('ErrImagePull')))).toMatchObject({
      category: 'pull',
      code: 'ErrImagePull',
    });
  });

  it('config errors are init errors; a non-zero exit counts before the back-off starts; OOMKilled keeps its reason', () => {
    const status = (state: object, lastState: object = {}) => ({
      phase: 'Running',
      containerStatuses: [{ name: 'api', image: 'x', imageID: '', ready: false, restartCount: 1, state, lastState }],
    });
    expect(
      podFailure(
        pod('p', rs, status({ waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } })),
      ),
    ).toMatchObject({
      category: 'init',
      reason: 'CreateContainerConfigError: secret "db" not found',
    });
    expect(podFailure(pod('p', rs, status({ terminated: { exitCode: 137, reason: 'OOMKilled' } })))).toMatchObject({
      category: 'essential-exit',
      reason: 'container api exited with code 137 (OOMKilled)',
      containers: [{ name: 'api', exitCode: 137, reason: 'OOMKilled' }],
    });
    expect(podFailure(pod('p', rs, status({ terminated: { exitCode: 0, reason: 'Completed' } })))).toBeUndefined();
    expect(podFailure(pod('p', rs, status({ waiting: { reason: 'ContainerCreating' } })))).toBeUndefined();
  });

  it('an evicted pod is a failure of another kind; healthy pods are not failures', () => {
    expect(podFailure(pod('p', rs, { phase: 'Failed', reason: 'Evicted', message: 'low on memory' }))).toMatchObject({
      category: 'other',
      reason: 'Evicted: low on memory',
    });
    expect(podFailure(pod('p', rs, { phase: 'Failed' }))).toMatchObject({ reason: 'pod failed' });
    expect(podFailures([pod('a', rs, running()), pod('b', rs, pullFailing()), pod('c', rs, {})])).toHaveLength(1);
  });

  it('the worst container decides the category', () => {
    const status = {
      phase: 'Pending',
      initContainerStatuses: [
        {
          name: 'migrate',
          image: 'x',
          imageID: '',
          ready: false,
          restartCount: 2,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 3, finishedAt: '2026-01-01T00:00:00Z' } },
        },
      ],
      containerStatuses: [
        {
          name: 'api',
          image: 'x',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ErrImagePull' } },
        },
      ],
    };
    const failure = podFailure(pod('p', rs, status as never))!;
    expect(failure).toMatchObject({ category: 'pull', reason: 'ErrImagePull' });
    expect(failure.containers).toEqual([
      { name: 'migrate', exitCode: 3, reason: 'Terminated' },
      { name: 'api', reason: 'ErrImagePull' },
    ]);
  });
});
