import type { Service } from '@aws-sdk/client-ecs';
import {
  deploymentFor,
  eventsOf,
  hasPlatformRollback,
  rolloutsOf,
  stableTaskDefinition,
  toRollout,
} from './service-state';

const td = (n: number) => `arn:aws:ecs:eu-west-1:1:task-definition/api:${n}`;

describe('service state', () => {
  it('maps ECS deployments to rollouts', () => {
    expect(
      toRollout(
        {
          id: 'ecs-svc/1',
          status: 'PRIMARY',
          taskDefinition: td(2),
          desiredCount: 3,
          pendingCount: 1,
          runningCount: 2,
          failedTasks: 1,
          rolloutState: 'IN_PROGRESS',
          rolloutStateReason: 'ECS deployment ecs-svc/1 in progress.',
        },
        false,
      ),
    ).toEqual({
      id: 'ecs-svc/1',
      revisionId: td(2),
      revisionLabel: 'api:2',
      primary: true,
      state: 'IN_PROGRESS',
      reason: 'ECS deployment ecs-svc/1 in progress.',
      desired: 3,
      pending: 1,
      running: 2,
      failed: 1,
      createdAt: undefined,
      updatedAt: undefined,
    });
    expect(toRollout({}, false)).toMatchObject({
      id: '',
      revisionLabel: '',
      primary: false,
      state: 'IN_PROGRESS',
      reason: undefined,
      desired: 0,
    });
  });

  it('derives a state when ECS omits rolloutState (Classic Load Balancer, external controllers)', () => {
    expect(toRollout({ status: 'PRIMARY', desiredCount: 2, runningCount: 2 }, true).state).toBe('COMPLETED');
    expect(toRollout({ status: 'PRIMARY', desiredCount: 2, runningCount: 1 }, true).state).toBe('IN_PROGRESS');
    expect(toRollout({ status: 'PRIMARY', desiredCount: 2, runningCount: 2 }, false).state).toBe('IN_PROGRESS');
    expect(rolloutsOf({ deployments: [{ status: 'PRIMARY', desiredCount: 1, runningCount: 1 }] })[0].state).toBe(
      'COMPLETED',
    );
    expect(rolloutsOf({})).toEqual([]);
  });

  it('reads events, and whether ECS rolls back by itself', () => {
    expect(eventsOf({ events: [{ id: 'e', createdAt: new Date(5), message: 'm' }, {}] })).toEqual([
      { id: 'e', at: new Date(5), message: 'm' },
      { id: '', at: new Date(0), message: '' },
    ]);
    expect(
      hasPlatformRollback({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    ).toBe(true);
    expect(
      hasPlatformRollback({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } }),
    ).toBe(false);
    expect(
      hasPlatformRollback({ deploymentConfiguration: { alarms: { enable: true, rollback: true, alarmNames: ['a'] } } }),
    ).toBe(true);
    expect(hasPlatformRollback({})).toBe(false);
  });

  it('picks the newest COMPLETED deployment as the rollback target', () => {
    const service: Service = {
      taskDefinition: td(5),
      deployments: [
        { id: 'd5', status: 'PRIMARY', taskDefinition: td(5), rolloutState: 'IN_PROGRESS', createdAt: new Date(50) },
        { id: 'd3', status: 'ACTIVE', taskDefinition: td(3), rolloutState: 'COMPLETED', createdAt: new Date(30) },
        { id: 'd4', status: 'ACTIVE', taskDefinition: td(4), rolloutState: 'COMPLETED', createdAt: new Date(40) },
      ],
    };
    expect(stableTaskDefinition(service)).toBe(td(4));
    expect(
      stableTaskDefinition({ taskDefinition: td(9), deployments: [{ rolloutState: 'FAILED', taskDefinition: td(9) }] }),
    ).toBe(td(9));
    expect(stableTaskDefinition({})).toBe('');
  });

  it('finds the deployment an UpdateService created', () => {
    const service: Service = {
      deployments: [
        { id: 'new', status: 'PRIMARY', taskDefinition: td(6) },
        { id: 'old', status: 'ACTIVE', taskDefinition: td(5) },
      ],
    };
    expect(deploymentFor(service, td(6))?.id).toBe('new');
    expect(deploymentFor(service, td(5))).toBeUndefined();
    expect(deploymentFor({}, td(5))).toBeUndefined();
  });
});
