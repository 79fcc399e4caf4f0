import type {
  DeploymentLifecycleHookStage,
  ServiceDeploymentLifecycleStage,
  ServiceDeploymentStatus,
} from '@aws-sdk/client-ecs';
import type { Deployment } from './model';

/**
 * The 2024–2026 layer of ECS deployments: every deployment is a *service deployment* (its own ARN,
 * status, lifecycle stage, traffic weights, monitors, rollback record and hooks) moving a service
 * from source *service revisions* to a target one. Field names are those of @aws-sdk/client-ecs
 * 3.1164.0 (`ServiceDeployment`, `ServiceRevision`, `DeploymentConfiguration`).
 */

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
export const STRATEGIES: readonly Strategy[] = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];

/**
 * The order ECS runs the stages in (AWS "blue/green deployment: how it works", as ecspresso's
 * wait.go hard-codes it). ROLLING deployments report no stage.
 */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
  // ECS's docs list PRE_PRODUCTION_TRAFFIC_SHIFT as a stage; the SDK has it only as a hook stage.
] as const satisfies readonly (ServiceDeploymentLifecycleStage | DeploymentLifecycleHookStage)[];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Stages a hook may be attached to (`DeploymentLifecycleHookStage`): all but the three ECS runs alone. */
export const HOOK_STAGES: readonly LifecycleStage[] = LIFECYCLE_STAGES.filter(
  (stage) => !['SCALE_UP', 'BAKE_TIME', 'CLEAN_UP'].includes(stage),
);
/** ECS: "PAUSE hooks cannot be placed at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT." */
export const NO_PAUSE_STAGES: readonly LifecycleStage[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

/** The statuses are the SDK's own (`ServiceDeploymentStatus`), so the simulator can answer no other. */
export type { ServiceDeploymentStatus };

export const TERMINAL_STATUSES: readonly ServiceDeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

export type MonitorStatus = 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
export type HookStatus = 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
export type HookAction = 'CONTINUE' | 'ROLLBACK';

export interface LifecycleHookSettings {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  lifecycleStages: LifecycleStage[];
  /** Defaults: 1440 minutes, ROLLBACK. */
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: HookAction };
  hookTargetArn?: string;
  roleArn?: string;
}

export interface CircuitBreakerSettings {
  enable: boolean;
  rollback: boolean;
  /** Default true: a healthy task resets the failure count. */
  resetOnHealthyTask?: boolean;
  /** Default BOUNDED_PERCENT 50. */
  thresholdConfiguration?: { type: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT'; value: number };
}

/** The service's `deploymentConfiguration`, as far as the simulator models it. */
export interface DeploymentSettings {
  strategy: Strategy;
  /** Default 100 (and `maximumPercent` 200). */
  minimumHealthyPercent?: number;
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  lifecycleHooks: LifecycleHookSettings[];
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
  earlySuccessCriteria?: {
    enable: boolean;
    healthyPercent?: number;
    sourceServiceRevisionCleanup?: 'BLOCKING' | 'DEFERRED';
  };
}

export interface ServiceRevision {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerImages: { containerName: string; imageDigest?: string; image: string }[];
  createdAt: number;
}

export interface HookDetail {
  hookId: string;
  targetType: 'PAUSE';
  stage: LifecycleStage;
  status: HookStatus;
  expiresAt: number;
  timeoutAction: HookAction;
}

export interface TrafficWeights {
  test?: number;
  production?: number;
}

export interface ServiceDeployment {
  arn: string;
  serviceKey: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  /** Listed by ListServiceDeployments from this simulated second on ("a moment after update-service"). */
  visibleAt: number;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  /** Absent for ROLLING deployments. */
  stage?: LifecycleStage;
  /** A copy of the service's settings when the deployment was created. */
  settings: DeploymentSettings;
  circuitBreaker: CircuitBreakerSettings;
  target: { revision: ServiceRevision; deployment: Deployment };
  sources: { revision: ServiceRevision; deployment: Deployment }[];
  /** By revision ARN; set only by traffic-shifting strategies. */
  weights: Map<string, TrafficWeights>;
  breaker: { status: MonitorStatus; failureCount: number; threshold: number };
  alarms: { status: MonitorStatus; triggered: string[] };
  rollback?: { reason: string; startedAt: number; revisionArn: string };
  hooks: HookDetail[];
  /** Task counts frozen when an early-success deployment completed (ECS reports that snapshot). */
  frozenCounts?: Map<string, { running: number; pending: number }>;
  /** Bumped whenever the deployment changes course, so transitions scheduled before are dropped. */
  epoch: number;
}

export const isOngoing = (sd: ServiceDeployment) => !TERMINAL_STATUSES.includes(sd.status);
