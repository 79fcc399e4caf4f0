export { startSimulator, type RunningSimulator, type StartOptions } from './lib/http-server';
export {
  Simulator,
  ECS_TARGET_PREFIX,
  ECR_TARGET_PREFIX,
  DEFAULT_MS_PER_SIM_SECOND,
  type SimulatorOptions,
} from './lib/simulator';
export { ManualClock, ScaledClock, type SimClock } from './lib/clock';
export { Scheduler } from './lib/scheduler';
export { circuitBreakerThreshold } from './lib/task-failures';
export { isMutating, type CallRecord } from './lib/call-log';
export type { TimelineEntry } from './lib/model';
export { validateScenario, ScenarioError, type Scenario, type RolloutBehaviour, type FaultRule } from './lib/scenario';
export * from './lib/presets';
export { LIFECYCLE_STAGES, type LifecycleStage } from './lib/service-deployment-model';
export { readBody } from './lib/read-body';
