/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON answers are asserted field by field; typing each one adds nothing. */
import { apiScenario, NEW_VERSION, CURRENT_VERSION, OTHER_VERSION } from './presets';
import { circuitBreakerThreshold } from './task-failures';
import { deployTag, describeApi, ecs, manualSimulator } from '../test-support/sdk';
import type { Simulator } from './simulator';

const states = (sim: Simulator) =>
  describeApi(sim).deployments.map(
    (d: Record<string, unknown>) =>
      `${d['status']}:${d['rolloutState']}:r${d['runningCount']}p${d['pendingCount']}f${d['failedTasks']}`,
  );

const timeline = (sim: Simulator) => {
  sim.world.catchUp();
  return sim.world.timeline.map((e) => `${e.simTime}s ${e.event}`);
};

function stoppedTasks(sim: Simulator, deploymentId: string) {
  const arns = ecs(sim, 'ListTasks', { cluster: 'sim-cluster', startedBy: deploymentId, desiredStatus: 'STOPPED' })
    .taskArns as string[];
  return arns.length === 0
    ? []
    : (ecs(sim, 'DescribeTasks', { cluster: 'sim-cluster', tasks: arns }).tasks as Record<string, any>[]);
}

describe('circuit breaker threshold', () => {
  it('is half the desired count, at least 3 and at most 200', () => {
    expect(circuitBreakerThreshold(1)).toBe(3);
    expect(circuitBreakerThreshold(10)).toBe(5);
    expect(circuitBreakerThreshold(11)).toBe(6);
    expect(circuitBreakerThreshold(1000)).toBe(200);
  });
});

describe('a healthy rollout', () => {
  it('starts tasks, runs them at half time, completes at the set time and drains the old deployment', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'healthy', after: 40 } }));
    expect(states(sim)).toEqual(['PRIMARY:COMPLETED:r2p0f0']);
    const { deploymentId } = deployTag(sim, NEW_VERSION);

    sim.clock.advance(1);
    expect(states(sim)).toEqual(['PRIMARY:IN_PROGRESS:r0p2f0', 'ACTIVE:COMPLETED:r2p0f0']);
    sim.clock.advance(19);
    expect(states(sim)).toEqual(['PRIMARY:IN_PROGRESS:r2p0f0', 'ACTIVE:COMPLETED:r2p0f0']);
    sim.clock.advance(19.9);
    expect(states(sim)[0]).toBe('PRIMARY:IN_PROGRESS:r2p0f0');
    sim.clock.advance(0.1);
    const service = describeApi(sim);
    expect(states(sim)).toEqual(['PRIMARY:COMPLETED:r2p0f0']);
    expect(service.deployments[0]).toMatchObject({
      id: deploymentId,
      rolloutStateReason: `ECS deployment ${deploymentId} completed.`,
    });
    expect(service.runningCount).toBe(2);
    expect(service.events.slice(0, 2).map((e: { message: string }) => e.message)).toEqual([
      '(service api) has reached a steady state.',
      `(service api) (deployment ${deploymentId}) deployment completed.`,
    ]);
    expect(timeline(sim)).toEqual(['0s DEPLOYMENT_CREATED', '40s DRAINED', '40s COMPLETED']);
    // The drained tasks stay listable as STOPPED, stopped by the scheduler.
    const old = sim.world.timeline[1].deploymentId;
    expect(stoppedTasks(sim, old).map((t) => t['stopCode'])).toEqual([
      'ServiceSchedulerInitiated',
      'ServiceSchedulerInitiated',
    ]);
  });

  it('behaves the same however often it is looked at (transitions are scheduled, not polled)', () => {
    const rare = manualSimulator(apiScenario({ rollout: { kind: 'crashLoop' } }));
    const often = manualSimulator(apiScenario({ rollout: { kind: 'crashLoop' } }));
    deployTag(rare, NEW_VERSION);
    deployTag(often, NEW_VERSION);
    rare.clock.advance(100);
    for (let i = 0; i < 200; i++) {
      often.clock.advance(0.5);
      describeApi(often);
    }
    expect(states(often)).toEqual(states(rare));
    expect(timeline(often)).toEqual(timeline(rare));
  });

  it('does not start a deployment when UpdateService names the running task definition', () => {
    const sim = manualSimulator(apiScenario());
    ecs(sim, 'UpdateService', { cluster: 'sim-cluster', service: 'api', taskDefinition: 'api:2', desiredCount: 3 });
    expect(describeApi(sim).deployments).toHaveLength(1);
    expect(describeApi(sim).deployments[0].desiredCount).toBe(3);
    ecs(sim, 'UpdateService', { cluster: 'sim-cluster', service: 'api', forceNewDeployment: true });
    expect(describeApi(sim).deployments).toHaveLength(2);
  });
});

describe('a crash-looping rollout', () => {
  it('with the circuit breaker: at the threshold ECS brings the last completed deployment back as PRIMARY, under its old id, as a real capture shows', () => {
    const sim = manualSimulator(
      apiScenario({ rollout: { kind: 'crashLoop', exitCode: 3, taskInterval: 10, runFor: 4 }, rollbackAfter: 20 }),
    );
    const before = describeApi(sim).deployments[0];
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    // Cycle 1: 2 tasks start at 1 s, exit at 5 s (failedTasks 2); cycle 2 starts at 11 s, exits at 15 s (4 >= 3).
    sim.clock.advance(5);
    expect(states(sim)[0]).toBe('PRIMARY:IN_PROGRESS:r0p0f2');
    sim.clock.advance(10);
    let service = describeApi(sim);
    // The failed deployment stays ACTIVE and IN_PROGRESS ("in progress.") while the rollback starts.
    expect(service.deployments.map((d: Record<string, unknown>) => [d['id'], d['status'], d['rolloutState']])).toEqual([
      [before.id, 'PRIMARY', 'IN_PROGRESS'],
      [deploymentId, 'ACTIVE', 'IN_PROGRESS'],
    ]);
    expect(service.deployments[0]).toMatchObject({
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${before.id}.`,
      taskDefinition: before.taskDefinition,
    });
    expect(service.deployments[1]).toMatchObject({
      rolloutStateReason: `ECS deployment ${deploymentId} in progress.`,
      failedTasks: 4,
    });
    expect(service.taskDefinition).toBe(before.taskDefinition);
    expect(service.events.slice(0, 2).map((e: { message: string }) => e.message)).toEqual([
      `(service api) rolling back to deployment ${before.id}.`,
      `(service api) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
    ]);
    const stopped = stoppedTasks(sim, deploymentId);
    expect(stopped).toHaveLength(4);
    expect(stopped[0]).toMatchObject({
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
      lastStatus: 'STOPPED',
    });
    expect(stopped[0]['containers'][0]).toMatchObject({ name: 'api', exitCode: 3 });

    // Later it shows FAILED with the breaker's reason, until the rollback completes and drops it.
    sim.clock.advance(10);
    service = describeApi(sim);
    expect(service.deployments[1]).toMatchObject({
      id: deploymentId,
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    sim.clock.advance(10);
    expect(states(sim)).toEqual(['PRIMARY:COMPLETED:r2p0f0']);
    expect(describeApi(sim).deployments[0].id).toBe(before.id);
    expect(timeline(sim)).toEqual([
      '0s DEPLOYMENT_CREATED',
      '5s TASK_FAILED',
      '15s FAILED',
      '15s ROLLBACK_STARTED',
      '15s DEPLOYMENT_CREATED',
      '35s DRAINED',
      '35s COMPLETED',
    ]);
    expect(sim.world.timeline[4].detail).toMatch(/^circuit-breaker-rollback: api:2/);
  });

  it('with the circuit breaker but no earlier completed deployment: FAILED and stalled, no rollback', () => {
    const sim = manualSimulator({
      ...apiScenario({ rollout: { kind: 'crashLoop' } }),
      services: [
        {
          cluster: 'sim-cluster',
          name: 'api',
          taskDefinition: 'api:2',
          inProgress: { taskDefinition: 'api:1', behaviour: { kind: 'crashLoop' } },
        },
      ],
    });
    sim.world.services.get('sim-cluster/api')!.deployments[1].everCompleted = false;
    sim.clock.advance(60);
    const [primary] = describeApi(sim).deployments;
    expect(primary).toMatchObject({ status: 'PRIMARY', rolloutState: 'FAILED', failedTasks: 4 });
    expect(timeline(sim)).toEqual(['0s DEPLOYMENT_CREATED', '5s TASK_FAILED', '15s FAILED']);
  });

  it('without the circuit breaker: tasks keep failing, the rollout stays IN_PROGRESS', () => {
    const sim = manualSimulator(
      apiScenario({
        rollout: { kind: 'crashLoop', exitCode: 137 },
        circuitBreaker: { enable: false, rollback: false },
      }),
    );
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(300);
    const [primary] = describeApi(sim).deployments;
    expect(primary).toMatchObject({ id: deploymentId, rolloutState: 'IN_PROGRESS', failedTasks: 60 });
    expect(stoppedTasks(sim, deploymentId)[0]['containers'][0].exitCode).toBe(137);
  });

  it('a client rollback (UpdateService back to the old revision) replaces and drains the failing deployment', () => {
    const sim = manualSimulator(
      apiScenario({ rollout: { kind: 'crashLoop' }, circuitBreaker: { enable: false, rollback: false } }),
    );
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(12);
    ecs(sim, 'UpdateService', { cluster: 'sim-cluster', service: 'api', taskDefinition: 'api:2' });
    sim.clock.advance(60);
    expect(states(sim)).toEqual(['PRIMARY:COMPLETED:r2p0f0']);
    // The failing deployment's last batch was in flight; it crashed as the rollback ran.
    expect(stoppedTasks(sim, deploymentId).every((t) => t['lastStatus'] === 'STOPPED')).toBe(true);
    expect(sim.world.timeline.filter((e) => e.event === 'DEPLOYMENT_CREATED').map((e) => e.detail)).toEqual([
      'client: api:3 (crashLoop)',
      'client: api:2 (healthy)',
    ]);
  });
});

describe('time jumps', () => {
  it('jump the clock right after the chosen call, once', () => {
    const sim = manualSimulator(apiScenario({ timeJumps: [{ afterOperation: 'ListTasks', skip: 1, seconds: 50 }] }));
    ecs(sim, 'ListTasks', { cluster: 'sim-cluster' });
    expect(sim.clock.now()).toBe(0);
    const answered = ecs(sim, 'ListTasks', { cluster: 'sim-cluster' });
    expect(answered.taskArns).toHaveLength(2);
    expect(sim.clock.now()).toBe(50);
    ecs(sim, 'ListTasks', { cluster: 'sim-cluster' });
    expect(sim.clock.now()).toBe(50);
    expect(sim.calls.list().map((c) => c.simTime)).toEqual([0, 0, 50]);
  });
});

describe('an image pull error', () => {
  it('stops tasks before they run with CannotPullContainerError, and trips the circuit breaker', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'imagePullError' } }));
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(2);
    expect(states(sim)[0]).toBe('PRIMARY:IN_PROGRESS:r0p2f0');
    sim.clock.advance(1);
    const [task] = stoppedTasks(sim, deploymentId);
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(task['startedAt']).toBeUndefined();
    expect(task['stoppedReason']).toMatch(
      /^CannotPullContainerError: pull image manifest has been retried 5 time\(s\)/,
    );
    expect(task['containers'][0].reason).toBe(task['stoppedReason']);
    expect(task['containers'][0].exitCode).toBeUndefined();
    sim.clock.advance(10);
    expect(timeline(sim)).toContain('13s FAILED');
  });
});

describe('stuck, superseded and in-progress rollouts', () => {
  it('stuck: pending forever', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'stuck' } }));
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(10_000);
    expect(states(sim)).toEqual(['PRIMARY:IN_PROGRESS:r0p2f0', 'ACTIVE:COMPLETED:r2p0f0']);
  });

  it('superseded: at the set time another deployer registers a new revision and deploys it', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'superseded', at: 20, byTag: OTHER_VERSION } }));
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(20);
    const service = describeApi(sim);
    expect(service.deployments[0].status).toBe('PRIMARY');
    expect(service.deployments[0].id).not.toBe(deploymentId);
    expect(service.deployments[0].taskDefinition).toMatch(/api:4$/);
    expect(service.deployments[1]).toMatchObject({ id: deploymentId, status: 'ACTIVE', rolloutState: 'IN_PROGRESS' });
    const td = ecs(sim, 'DescribeTaskDefinition', { taskDefinition: 'api:4' }).taskDefinition;
    const other = sim.world.findImage(sim.world.findRepository('slipway/api')!, { imageTag: OTHER_VERSION })!;
    expect(td.containerDefinitions[0].image).toBe(
      `123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api@${other.digest}`,
    );
    sim.clock.advance(60);
    expect(states(sim)).toEqual(['PRIMARY:COMPLETED:r2p0f0']);
    expect(timeline(sim)).toEqual([
      '0s DEPLOYMENT_CREATED',
      '20s SUPERSEDED',
      '20s DEPLOYMENT_CREATED',
      '80s DRAINED',
      '80s DRAINED',
      '80s COMPLETED',
    ]);
  });

  it('superseded without a tag: a forced new deployment of the same revision', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'superseded', at: 5 } }));
    const { taskDefinitionArn } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(5);
    expect(describeApi(sim).deployments.map((d: { taskDefinition: string }) => d.taskDefinition)).toEqual([
      taskDefinitionArn,
      taskDefinitionArn,
      expect.stringMatching(/api:2$/),
    ]);
  });

  it('in progress at the start: a second PRIMARY deployment is already rolling', () => {
    const sim = manualSimulator(apiScenario({ inProgress: true }));
    const [primary, active] = describeApi(sim).deployments;
    expect(primary).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' });
    expect(primary.taskDefinition).toMatch(/api:3$/);
    expect(active).toMatchObject({ status: 'ACTIVE', rolloutState: 'COMPLETED' });
  });

  it('picks behaviour by digest, then tag, then default', () => {
    const sim = manualSimulator(apiScenario({ defaultRollout: { kind: 'stuck' } }));
    const other = sim.world.findImage(sim.world.findRepository('slipway/api')!, { imageTag: CURRENT_VERSION })!;
    sim.world.options.rollouts[other.digest] = { kind: 'healthy', after: 2 };
    expect(sim.world.behaviourFor(sim.world.findTaskDefinition('api:2')!)).toEqual({ kind: 'healthy', after: 2 });
    expect(sim.world.behaviourFor(sim.world.findTaskDefinition('api:1')!)).toEqual({ kind: 'stuck' });
  });
});
