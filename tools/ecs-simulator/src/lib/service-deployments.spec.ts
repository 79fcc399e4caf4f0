/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON answers are asserted field by field; typing each one adds nothing. */
import { deployTag, describeApi, ecs, manualSimulator } from '../test-support/sdk';
import {
  apiScenario,
  digestOf,
  NEW_VERSION,
  OTHER_VERSION,
  pauseHook,
  PRESETS,
  SIM_ALARM,
  strategyScenario,
} from './presets';
import type { Simulator } from './simulator';

const SERVICE = { cluster: 'sim-cluster', service: 'api' };

function catchUp(sim: Simulator) {
  sim.world.catchUp();
  return sim.world;
}

function listed(sim: Simulator, input: Record<string, unknown> = {}) {
  return ecs(sim, 'ListServiceDeployments', { ...SERVICE, ...input }).serviceDeployments as Record<string, any>[];
}

function describe1(sim: Simulator, arn: string): Record<string, any> {
  return ecs(sim, 'DescribeServiceDeployments', { serviceDeploymentArns: [arn] }).serviceDeployments[0];
}

/** The client's service deployment: the newest one, whether or not it is listed yet. */
function newest(sim: Simulator): Record<string, any> {
  const [sd] = sim.world.services.get('sim-cluster/api')!.serviceDeployments;
  return describe1(sim, sd.arn);
}

const stages = (sim: Simulator) =>
  catchUp(sim)
    .serviceDeploymentTimeline.filter((e) => e.event === 'STAGE')
    .map((e) => `${e.simTime}s ${e.detail}`);

const statuses = (sim: Simulator) =>
  catchUp(sim)
    .serviceDeploymentTimeline.filter((e) => e.event === 'STATUS')
    .map((e) => `${e.simTime}s ${e.detail}`);

describe('service deployments of a rolling service', () => {
  it('opens PENDING, is listed a moment after UpdateService, and ends SUCCESSFUL with the revision Slipway registered', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'healthy', after: 40 } }));
    const before = Date.now() / 1000;
    const { taskDefinitionArn } = deployTag(sim, NEW_VERSION);
    // ECS lists the new deployment a moment later, and DescribeServices still names the old one.
    expect(listed(sim, { status: ['PENDING', 'IN_PROGRESS'] })).toEqual([]);
    expect(describeApi(sim).currentServiceDeployment).toBeUndefined();
    sim.clock.advance(1);
    const [brief] = listed(sim, { status: ['PENDING', 'IN_PROGRESS'], createdAt: { after: before - 60 } });
    expect(brief).toMatchObject({
      status: 'IN_PROGRESS',
      serviceArn: expect.stringMatching(/service\/sim-cluster\/api$/),
    });
    expect(brief.serviceDeploymentArn).toMatch(/service-deployment\/sim-cluster\/api\/[\w-]{21}$/);
    expect(describeApi(sim).currentServiceDeployment).toBe(brief.serviceDeploymentArn);
    const revision = ecs(sim, 'DescribeServiceRevisions', { serviceRevisionArns: [brief.targetServiceRevisionArn] })
      .serviceRevisions[0];
    expect(revision).toMatchObject({ taskDefinition: taskDefinitionArn });
    expect(revision.containerImages).toEqual([
      expect.objectContaining({ containerName: 'api', imageDigest: digestOf(NEW_VERSION) }),
    ]);

    sim.clock.advance(39);
    const done = describe1(sim, brief.serviceDeploymentArn);
    expect(done).toMatchObject({
      status: 'SUCCESSFUL',
      targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 },
      sourceServiceRevisions: [{ requestedTaskCount: 0, runningTaskCount: 0 }],
      deploymentCircuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 },
      alarms: { status: 'DISABLED' },
      deploymentConfiguration: { strategy: 'ROLLING' },
    });
    expect(done.lifecycleStage).toBeUndefined();
    expect(statuses(sim)).toEqual(['0s PENDING', '1s IN_PROGRESS', '40s SUCCESSFUL']);
    expect(listed(sim, { status: ['PENDING', 'IN_PROGRESS'] })).toEqual([]);
  });

  it('circuit breaker: ROLLBACK_IN_PROGRESS with the breaker TRIGGERED at its threshold, then ROLLBACK_SUCCESSFUL on the source revision', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'crashLoop', exitCode: 3 }, rollbackAfter: 20 }));
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(15);
    const rolling = newest(sim);
    expect(rolling).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 },
      rollback: {
        reason: 'ECS deployment circuit breaker: tasks failed to start.',
        serviceRevisionArn: rolling.sourceServiceRevisions[0].arn,
      },
    });
    sim.clock.advance(20);
    expect(newest(sim)).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      targetServiceRevision: { requestedTaskCount: 0 },
    });
  });

  it('circuit breaker thresholds: COUNT, and failures counted across healthy tasks only without resetOnHealthyTask', () => {
    const countOf = (resetOnHealthyTask: boolean) => {
      const sim = manualSimulator(
        apiScenario({
          desiredCount: 1,
          rollout: { kind: 'crashLoop', healthyEvery: 2, taskInterval: 10 },
          circuitBreaker: {
            enable: true,
            rollback: true,
            resetOnHealthyTask,
            thresholdConfiguration: { type: 'COUNT', value: 2 },
          },
        }),
      );
      deployTag(sim, NEW_VERSION);
      sim.clock.advance(40);
      return newest(sim);
    };
    // Tasks 1, 3 crash (at 5 s and 25 s); task 2 stays up at 13 s: with the reset, the count never reaches 2.
    expect(countOf(true)).toMatchObject({
      status: 'IN_PROGRESS',
      deploymentCircuitBreaker: { status: 'MONITORING', threshold: 2 },
    });
    expect(countOf(false)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 2, threshold: 2 },
    });
  });

  it('with alarms: steady tasks are not success yet; ECS bakes, then SUCCESSFUL; an alarm in the bake rolls back naming it', () => {
    const baked = manualSimulator(PRESETS['rolling-alarms']());
    deployTag(baked, NEW_VERSION);
    baked.clock.advance(61);
    expect(newest(baked)).toMatchObject({ status: 'IN_PROGRESS', alarms: { status: 'MONITORING' } });
    expect(describeApi(baked).deployments.map((d: any) => `${d.status}:${d.rolloutState}:r${d.runningCount}`)).toEqual([
      'PRIMARY:IN_PROGRESS:r2',
      'ACTIVE:COMPLETED:r0',
    ]);
    baked.clock.advance(120);
    expect(newest(baked)).toMatchObject({ status: 'SUCCESSFUL', alarms: { status: 'MONITORING_COMPLETE' } });

    const alarmed = manualSimulator(
      apiScenario({
        rollout: { kind: 'healthy', after: 60, alarm: { name: SIM_ALARM, after: 100 } },
        deploymentConfiguration: { alarms: { alarmNames: [SIM_ALARM], enable: true, rollback: true } },
      }),
    );
    deployTag(alarmed, NEW_VERSION);
    alarmed.clock.advance(100);
    expect(newest(alarmed)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      alarms: { status: 'TRIGGERED', alarmNames: [SIM_ALARM], triggeredAlarmNames: [SIM_ALARM] },
      rollback: { reason: expect.stringContaining(SIM_ALARM) },
    });
    alarmed.clock.advance(30);
    expect(newest(alarmed).status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('early success: SUCCESSFUL once half the tasks run, counts frozen, while ECS keeps scaling', () => {
    const sim = manualSimulator(PRESETS['rolling-early-success']());
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(14);
    const early = newest(sim);
    expect(early).toMatchObject({
      status: 'SUCCESSFUL',
      targetServiceRevision: { requestedTaskCount: 4, runningTaskCount: 2 },
      deploymentConfiguration: { earlySuccessCriteria: { enable: true, healthyPercent: 50 } },
    });
    sim.clock.advance(20);
    expect(newest(sim).targetServiceRevision.runningTaskCount).toBe(2);
    expect(describeApi(sim).deployments[0]).toMatchObject({ rolloutState: 'IN_PROGRESS', runningCount: 4 });
  });

  it('superseded: STOP_REQUESTED, then STOPPED with "Replaced by a new service deployment"', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'superseded', at: 20, byTag: OTHER_VERSION } }));
    deployTag(sim, NEW_VERSION);
    const [mine] = sim.world.services.get('sim-cluster/api')!.serviceDeployments;
    sim.clock.advance(20);
    expect(describe1(sim, mine.arn).status).toBe('STOP_REQUESTED');
    sim.clock.advance(1);
    expect(describe1(sim, mine.arn)).toMatchObject({
      status: 'STOPPED',
      statusReason: 'Replaced by a new service deployment',
    });
  });
});

describe('blue/green, linear and canary', () => {
  it('blue/green: stages in order, test then production traffic to green, bake with both up, clean up', () => {
    const sim = manualSimulator(strategyScenario('BLUE_GREEN'));
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(40);
    const shifted = newest(sim);
    expect(shifted).toMatchObject({
      lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT',
      targetServiceRevision: {
        runningTaskCount: 2,
        requestedTestTrafficWeight: 100,
        requestedProductionTrafficWeight: 100,
      },
      sourceServiceRevisions: [
        { runningTaskCount: 2, requestedTestTrafficWeight: 0, requestedProductionTrafficWeight: 0 },
      ],
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 },
    });
    sim.clock.advance(121);
    expect(newest(sim)).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'BAKE_TIME' });
    sim.clock.advance(4);
    expect(newest(sim)).toMatchObject({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' });
    expect(stages(sim)).toEqual([
      '1s PRE_SCALE_UP',
      '4s SCALE_UP',
      '24s POST_SCALE_UP',
      '27s TEST_TRAFFIC_SHIFT',
      '30s POST_TEST_TRAFFIC_SHIFT',
      '33s PRE_PRODUCTION_TRAFFIC_SHIFT',
      '36s PRODUCTION_TRAFFIC_SHIFT',
      '39s POST_PRODUCTION_TRAFFIC_SHIFT',
      '42s BAKE_TIME',
      '162s CLEAN_UP',
    ]);
    expect(describeApi(sim).deployments).toEqual([
      expect.objectContaining({ rolloutState: 'COMPLETED', runningCount: 2 }),
    ]);
  });

  it('linear: production traffic moves in steps, with a bake after each step but the last', () => {
    const sim = manualSimulator(strategyScenario('LINEAR'));
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(400);
    const traffic = catchUp(sim).serviceDeploymentTimeline.filter((e) => e.event === 'TRAFFIC');
    expect(traffic.map((e) => `${e.simTime}s ${e.detail}`)).toEqual([
      '27s test 100%',
      '36s production 34%',
      '102s production 68%',
      '168s production 100%',
    ]);
    expect(newest(sim).status).toBe('SUCCESSFUL');
  });

  it('canary failing at its first step: the alarm fires during the canary bake and ECS puts all traffic back on blue', () => {
    const sim = manualSimulator(PRESETS['canary-alarm']());
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(57);
    const failed = newest(sim);
    expect(failed).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
      alarms: { status: 'TRIGGERED', triggeredAlarmNames: [SIM_ALARM] },
      targetServiceRevision: { requestedProductionTrafficWeight: 0 },
      sourceServiceRevisions: [{ requestedProductionTrafficWeight: 100 }],
    });
    sim.clock.advance(30);
    expect(newest(sim).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(describeApi(sim).taskDefinition).toMatch(/api:2$/);
  });
});

describe('PAUSE lifecycle hooks', () => {
  function pausedAt(sim: Simulator) {
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(31);
    const sd = newest(sim);
    return { sd, hook: sd.lifecycleHookDetails[0] };
  }

  it('waits AWAITING_ACTION at its stage until ContinueServiceDeployment(CONTINUE)', () => {
    const sim = manualSimulator(PRESETS['pause-hook']());
    const { sd, hook } = pausedAt(sim);
    expect(sd).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(hook).toMatchObject({ targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' });
    expect(hook.hookId).toMatch(/^ecs-pause-[\w-]{43}$/);
    expect(hook.expiresAt).toBeCloseTo(sd.startedAt + 29 + 3600, 0);
    sim.clock.advance(600);
    expect(newest(sim).lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect(() => ecs(sim, 'ContinueServiceDeployment', { serviceDeploymentArn: sd.serviceDeploymentArn })).toThrow(
      'hookId must be specified.',
    );
    ecs(sim, 'ContinueServiceDeployment', { serviceDeploymentArn: sd.serviceDeploymentArn, hookId: hook.hookId });
    expect(newest(sim).lifecycleHookDetails[0].status).toBe('SUCCEEDED');
    sim.clock.advance(200);
    expect(newest(sim).status).toBe('SUCCESSFUL');
    expect(() =>
      ecs(sim, 'ContinueServiceDeployment', { serviceDeploymentArn: sd.serviceDeploymentArn, hookId: hook.hookId }),
    ).toThrow(/not awaiting action/);
  });

  it('ContinueServiceDeployment(ROLLBACK) rolls back, naming the hook', () => {
    const sim = manualSimulator(PRESETS['pause-hook']());
    const { sd, hook } = pausedAt(sim);
    ecs(sim, 'ContinueServiceDeployment', {
      serviceDeploymentArn: sd.serviceDeploymentArn,
      hookId: hook.hookId,
      action: 'ROLLBACK',
    });
    expect(newest(sim)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      rollback: { reason: `Lifecycle hook ${hook.hookId} at POST_TEST_TRAFFIC_SHIFT was answered with ROLLBACK.` },
      lifecycleHookDetails: [{ status: 'FAILED' }],
    });
    sim.clock.advance(30);
    expect(newest(sim).status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('times out after timeoutInMinutes and takes its timeout action', () => {
    const rollback = manualSimulator(PRESETS['pause-hook']());
    pausedAt(rollback);
    rollback.clock.advance(3600);
    expect(newest(rollback)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      lifecycleHookDetails: [{ status: 'TIMED_OUT' }],
    });
    const proceed = manualSimulator(
      strategyScenario('BLUE_GREEN', {
        deploymentConfiguration: { lifecycleHooks: [pauseHook(undefined, 1, 'CONTINUE')] },
      }),
    );
    pausedAt(proceed);
    proceed.clock.advance(300);
    expect(newest(proceed)).toMatchObject({ status: 'SUCCESSFUL', lifecycleHookDetails: [{ status: 'TIMED_OUT' }] });
  });
});

describe('StopServiceDeployment', () => {
  it('ROLLBACK on one in progress: ROLLBACK_REQUESTED, then rolled back; on a finished one: ConflictException', () => {
    const sim = manualSimulator(apiScenario({ rollout: { kind: 'stuck' } }));
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(5);
    const arn = newest(sim).serviceDeploymentArn;
    expect(ecs(sim, 'StopServiceDeployment', { serviceDeploymentArn: arn, stopType: 'ROLLBACK' })).toEqual({
      serviceDeploymentArn: arn,
    });
    expect(newest(sim).status).toBe('ROLLBACK_REQUESTED');
    sim.clock.advance(1);
    expect(newest(sim)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      rollback: { reason: 'Rollback requested by StopServiceDeployment.' },
    });
    sim.clock.advance(30);
    expect(newest(sim).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(describeApi(sim).taskDefinition).toMatch(/api:2$/);
    expect(() => ecs(sim, 'StopServiceDeployment', { serviceDeploymentArn: arn })).toThrow(/ROLLBACK_SUCCESSFUL/);
    expect(() => ecs(sim, 'StopServiceDeployment', { serviceDeploymentArn: `${arn}x` })).toThrow(
      expect.objectContaining({ name: 'ServiceDeploymentNotFoundException' }),
    );
  });
});

describe('endpoints and services the new path must cope with', () => {
  it('without the service-deployments API: UnknownOperationException, and no currentServiceDeployment', () => {
    const sim = manualSimulator(PRESETS['no-deployments-api']());
    deployTag(sim, NEW_VERSION);
    sim.clock.advance(5);
    expect(() => listed(sim)).toThrow(expect.objectContaining({ name: 'UnknownOperationException' }));
    expect(describeApi(sim).currentServiceDeployment).toBeUndefined();
    expect(describeApi(sim).currentServiceRevisions).toBeUndefined();
  });

  it('an Express Mode service says resourceManagementType ECS', () => {
    expect(describeApi(manualSimulator(PRESETS['express']())).resourceManagementType).toBe('ECS');
    expect(describeApi(manualSimulator(apiScenario())).resourceManagementType).toBe('CUSTOMER');
  });

  it('replays the captured circuit-breaker rollback from the client UpdateService on', () => {
    const sim = manualSimulator(PRESETS['circuit-breaker-capture']());
    const old = describeApi(sim).deployments[0];
    const { deploymentId } = deployTag(sim, NEW_VERSION);
    sim.clock.advance(70);
    const service = describeApi(sim);
    expect(service.deployments.map((d: any) => [d.id, d.status, d.rolloutState, d.rolloutStateReason])).toEqual([
      [old.id, 'PRIMARY', 'IN_PROGRESS', `ECS deployment circuit breaker: rolling back to deploymentId ${old.id}.`],
      [deploymentId, 'ACTIVE', 'IN_PROGRESS', `ECS deployment ${deploymentId} in progress.`],
    ]);
    const failedEvent = service.events[1].message as string;
    expect(failedEvent).toMatch(
      /^\(service api\) \(deployment (ecs-svc\/\d{19})\) deployment failed: tasks failed to start\.$/,
    );
    expect(failedEvent).not.toContain(old.id);
    expect(failedEvent).not.toContain(deploymentId);
    sim.clock.advance(60);
    expect(describeApi(sim).deployments).toEqual([
      expect.objectContaining({ id: old.id, rolloutState: 'COMPLETED', taskDefinition: old.taskDefinition }),
    ]);
  });
});
