import type {
  DeploymentConfiguration,
  Service,
  ServiceDeployment,
  DeploymentLifecycleHookStage,
  ServiceDeploymentLifecycleStage,
  ServiceRevisionSummary,
} from '@aws-sdk/client-ecs';
import type {
  DeploymentPolicy,
  PlatformDeployment,
  PlatformDeploymentStatus,
  RevisionShare,
} from '@slipway/deploy-engine';
import { labelOf } from './task-definition';

/**
 * ECS service deployments and deployment configuration → the engine's neutral view. Pure.
 * Facts: AWS "blue/green deployments: how it works" (stage order, as ecspresso's wait.go hard-codes
 * it), API_DeploymentLifecycleHook (where PAUSE hooks may go), early-success-criteria (ROLLING only).
 */

/** The order ECS runs lifecycle stages in; positions are compared, fast stages can pass between polls. */
export const ECS_LIFECYCLE_STAGES = [
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

/** ECS: "PAUSE hooks cannot be placed at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT." */
const NO_PAUSE_STAGES = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

const STAGED = ['BLUE_GREEN', 'LINEAR', 'CANARY'];

export function strategyOf(config: DeploymentConfiguration | undefined): string {
  return config?.strategy ?? 'ROLLING';
}

/**
 * `followable`: whether the service-deployments API answered on this endpoint. `refusals` are full
 * sentences: Express Mode services, and settings ECS itself rejects.
 */
export function deploymentPolicyOf(service: Service, followable: boolean): DeploymentPolicy {
  const config = service.deploymentConfiguration;
  const strategy = strategyOf(config);
  const pauseStages = (config?.lifecycleHooks ?? [])
    .filter((hook) => hook.targetType === 'PAUSE')
    .flatMap((hook) => hook.lifecycleStages ?? []);
  return {
    strategy,
    stages: STAGED.includes(strategy) ? [...ECS_LIFECYCLE_STAGES] : [],
    bakeMinutes: config?.bakeTimeInMinutes,
    pauseStages,
    followable,
    refusals: refusalsOf(service, strategy, pauseStages),
  };
}

function refusalsOf(service: Service, strategy: string, pauseStages: readonly string[]): string[] {
  const name = service.serviceName ?? 'the service';
  const config = service.deploymentConfiguration;
  const refusals: string[] = [];
  if (service.resourceManagementType === 'ECS') {
    refusals.push(
      `${name} is an ECS Express Mode service (resourceManagementType ECS): ECS owns its task definition, load balancer and scaling, and takes new images through UpdateExpressGatewayService, which Slipway does not call. Update it with "aws ecs update-express-gateway-service --service-arn ${service.serviceArn ?? '<arn>'} --primary-container image=<repository>@<digest>", or deploy the app to a customer-managed service`,
    );
  }
  for (const stage of pauseStages.filter((s) => NO_PAUSE_STAGES.includes(s))) {
    refusals.push(
      `${name} has a PAUSE lifecycle hook at ${stage}, where ECS allows none (PAUSE hooks cannot be placed at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT): move it to ${stage === 'TEST_TRAFFIC_SHIFT' ? 'POST_TEST_TRAFFIC_SHIFT' : 'PRE_PRODUCTION_TRAFFIC_SHIFT or POST_PRODUCTION_TRAFFIC_SHIFT'}`,
    );
  }
  const early = config?.earlySuccessCriteria;
  if (early?.enable && strategy !== 'ROLLING') {
    refusals.push(
      `${name} enables earlySuccessCriteria with strategy ${strategy}; ECS supports early success for ROLLING deployments only: turn it off or deploy with ROLLING`,
    );
  }
  if (
    early?.enable &&
    early.healthyPercent !== undefined &&
    early.healthyPercent < (config?.minimumHealthyPercent ?? 0)
  ) {
    refusals.push(
      `${name}'s earlySuccessCriteria.healthyPercent ${early.healthyPercent} is below minimumHealthyPercent ${config?.minimumHealthyPercent}; ECS requires healthyPercent >= minimumHealthyPercent`,
    );
  }
  return refusals;
}

/** A service revision ARN's short form when its task definition is not known (yet). */
export function revisionLabel(arn: string, taskDefinitions: ReadonlyMap<string, string>): string {
  const td = taskDefinitions.get(arn);
  return td ? labelOf(td) : `revision ${arn.split('/').at(-1) ?? arn}`;
}

/** `taskDefinitions`: service revision ARN → task definition ARN (from DescribeServiceRevisions). */
export function toPlatformDeployment(
  sd: ServiceDeployment,
  taskDefinitions: ReadonlyMap<string, string>,
): PlatformDeployment {
  const share = (summary: ServiceRevisionSummary, role: RevisionShare['role']): RevisionShare => ({
    id: summary.arn ?? '',
    label: revisionLabel(summary.arn ?? '', taskDefinitions),
    role,
    requested: summary.requestedTaskCount ?? 0,
    running: summary.runningTaskCount ?? 0,
    pending: summary.pendingTaskCount ?? 0,
    testWeight: summary.requestedTestTrafficWeight,
    productionWeight: summary.requestedProductionTrafficWeight,
  });
  const config = sd.deploymentConfiguration;
  const early = config?.earlySuccessCriteria;
  return {
    id: sd.serviceDeploymentArn ?? '',
    status: (sd.status ?? 'PENDING') as PlatformDeploymentStatus,
    statusReason: sd.statusReason || undefined,
    strategy: strategyOf(config),
    stage: sd.lifecycleStage || undefined,
    revisions: [
      ...(sd.targetServiceRevision ? [share(sd.targetServiceRevision, 'target')] : []),
      ...(sd.sourceServiceRevisions ?? []).map((s) => share(s, 'source')),
    ],
    circuitBreaker: sd.deploymentCircuitBreaker && { ...sd.deploymentCircuitBreaker },
    alarms: sd.alarms && {
      status: sd.alarms.status,
      names: sd.alarms.alarmNames ?? [],
      triggered: sd.alarms.triggeredAlarmNames ?? [],
    },
    rollback: sd.rollback && {
      reason: sd.rollback.reason,
      startedAt: sd.rollback.startedAt,
      revisionId: sd.rollback.serviceRevisionArn,
    },
    hooks: (sd.lifecycleHookDetails ?? []).map((h) => ({
      id: h.hookId ?? '',
      type: h.targetType,
      status: h.status ?? '',
      expiresAt: h.expiresAt,
      timeoutAction: h.timeoutAction,
    })),
    bakeMinutes: config?.bakeTimeInMinutes,
    earlySuccessPercent: early?.enable ? early.healthyPercent : undefined,
    createdAt: sd.createdAt,
    startedAt: sd.startedAt,
    finishedAt: sd.finishedAt,
    updatedAt: sd.updatedAt,
  };
}

/** Every revision ARN a service deployment names. */
export function revisionArnsOf(sd: ServiceDeployment): string[] {
  return [sd.targetServiceRevision, ...(sd.sourceServiceRevisions ?? [])]
    .map((r) => r?.arn)
    .filter((arn): arn is string => Boolean(arn));
}
