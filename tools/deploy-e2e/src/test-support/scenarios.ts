import { apiScenario, type Scenario } from '@slipway/ecs-simulator';

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
