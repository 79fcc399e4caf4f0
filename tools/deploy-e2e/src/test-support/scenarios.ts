import { apiScenario, SIM_ALARM, strategyScenario, type Scenario } from '@slipway/ecs-simulator';

type TimeJump = NonNullable<Scenario['timeJumps']>[number];

/**
 * Crash-looping tasks the ECS circuit breaker catches before Slipway's own fail-fast can: six
 * tasks exit together (threshold 3), so the rollout turns FAILED and ECS starts its rollback in the
 * same instant. The clock jumps past that instant right after the first watch poll's last call
 * (ListTasks), so the transition lands between two polls: no poll reads the service before it and
 * the stopped tasks after it.
 */
export function circuitBreakerRollbackScenario(): Scenario {
  return crashLoopTrippingTheBreaker({ afterOperation: 'ListTasks', seconds: 105 });
}

/**
 * The race itself: the same trip lands between the first watch poll's DescribeServices (the 2nd
 * call; pre-flight makes the 1st) and its ListTasks. That poll sees six crashed tasks on a rollout
 * still IN_PROGRESS, while ECS is already rolling back.
 */
export function circuitBreakerTripMidPollScenario(): Scenario {
  return crashLoopTrippingTheBreaker({ afterOperation: 'DescribeServices', skip: 1, seconds: 105 });
}

function crashLoopTrippingTheBreaker(jump: TimeJump): Scenario {
  return apiScenario({
    rollout: { kind: 'crashLoop', exitCode: 2, runFor: 100, taskInterval: 1000 },
    desiredCount: 6,
    rollbackAfter: 60,
    timeJumps: [jump],
  });
}

/*
 * A stage or traffic step Slipway must report is a window between two polls, and a poll of a loaded
 * machine can come 0.7 s late: the presets' 1-minute step bakes (0.6 s real at 10 ms per simulated
 * second) can pass unseen. These hold each such window 3 minutes or more (about 2 s real or more),
 * and skip a final bake their tests do not look at.
 */

/** Blue/green with a 5-minute bake (3 s real): the stage a watch must see. */
export const blueGreenLongBakeScenario = (): Scenario =>
  strategyScenario('BLUE_GREEN', { deploymentConfiguration: { bakeTimeInMinutes: 5 } });

/** Linear in 3 steps of 34 %, each held 3 minutes; no final bake. */
export const linearLongStepsScenario = (): Scenario =>
  strategyScenario('LINEAR', {
    deploymentConfiguration: {
      linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 3 },
      bakeTimeInMinutes: 0,
    },
  });

/** Canary 10 % held 3 minutes, then the rest; no final bake. */
export const canaryLongStepScenario = (): Scenario =>
  strategyScenario('CANARY', {
    deploymentConfiguration: {
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 },
      bakeTimeInMinutes: 0,
    },
  });

/** Canary 10 % whose alarm fires 200 s into the step, then ECS's rollback in progress for 200 s. */
export const canaryAlarmLongStepScenario = (): Scenario =>
  strategyScenario('CANARY', {
    rollout: { kind: 'healthy', after: 40, alarm: { name: SIM_ALARM, during: 'PRODUCTION_TRAFFIC_SHIFT', after: 200 } },
    deploymentConfiguration: { canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 4 } },
    rollbackAfter: 200,
  });

/**
 * Rolling with early success at 50 % of 4 tasks, tasks healthy over 5 minutes: ECS calls the deployment
 * SUCCESSFUL at 2 running about 4 minutes (2.4 s real) before all 4 run. The preset's 1 minute left 0.47 s.
 */
export const rollingEarlySuccessLongScenario = (): Scenario =>
  apiScenario({
    desiredCount: 4,
    rollout: { kind: 'healthy', after: 300 },
    deploymentConfiguration: { minimumHealthyPercent: 50, earlySuccessCriteria: { enable: true, healthyPercent: 50 } },
  });

/** Rolling, ECS watching alarm `api-5xx`: its alarm bake after the tasks are steady lasts 5 minutes. */
export const rollingLongAlarmBakeScenario = (): Scenario =>
  apiScenario({
    rollout: { kind: 'healthy', after: 60 },
    deploymentConfiguration: { alarms: { alarmNames: [SIM_ALARM], enable: true, rollback: true } },
    alarmBakeSeconds: 300,
  });
