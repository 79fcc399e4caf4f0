import type { Deployment, Service } from './model';
import type {
  CircuitBreakerSettings,
  DeploymentSettings,
  ServiceDeployment,
  ServiceRevision,
} from './service-deployment-model';
import { liveCounts } from './service-deployments';
import type { World } from './world';

/** Service deployments and revisions in the JSON shapes ECS answers with (epoch-second timestamps). */

export function deploymentConfigurationToWire(breaker: CircuitBreakerSettings, settings: DeploymentSettings) {
  return {
    deploymentCircuitBreaker: { ...breaker },
    maximumPercent: 200,
    minimumHealthyPercent: settings.minimumHealthyPercent ?? 100,
    alarms: settings.alarms ? { ...settings.alarms } : { alarmNames: [], rollback: false, enable: false },
    strategy: settings.strategy,
    ...(settings.bakeTimeInMinutes !== undefined ? { bakeTimeInMinutes: settings.bakeTimeInMinutes } : {}),
    ...(settings.lifecycleHooks.length > 0 ? { lifecycleHooks: structuredClone(settings.lifecycleHooks) } : {}),
    ...(settings.linearConfiguration ? { linearConfiguration: { ...settings.linearConfiguration } } : {}),
    ...(settings.canaryConfiguration ? { canaryConfiguration: { ...settings.canaryConfiguration } } : {}),
    ...(settings.earlySuccessCriteria ? { earlySuccessCriteria: { ...settings.earlySuccessCriteria } } : {}),
  };
}

/** A revision still listed on the service asks for its desired count; a drained one for none. */
function requested(service: Service | undefined, deployment: Deployment): number {
  return service?.deployments.includes(deployment) ? deployment.desiredCount : 0;
}

export function serviceDeploymentToWire(world: World, sd: ServiceDeployment) {
  const service = world.services.get(sd.serviceKey);
  const summary = ({ revision, deployment }: { revision: ServiceRevision; deployment: Deployment }) => {
    const counts = sd.frozenCounts?.get(revision.arn) ?? liveCounts(deployment);
    const weights = sd.weights.get(revision.arn);
    return {
      arn: revision.arn,
      requestedTaskCount: requested(service, deployment),
      runningTaskCount: counts.running,
      pendingTaskCount: counts.pending,
      ...(weights?.test !== undefined ? { requestedTestTrafficWeight: weights.test } : {}),
      ...(weights?.production !== undefined ? { requestedProductionTrafficWeight: weights.production } : {}),
    };
  };
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: service?.arn,
    clusterArn: service?.cluster.arn,
    createdAt: sd.createdAt,
    startedAt: sd.startedAt,
    finishedAt: sd.finishedAt,
    stoppedAt: sd.stoppedAt,
    updatedAt: sd.updatedAt,
    sourceServiceRevisions: sd.sources.map(summary),
    targetServiceRevision: summary(sd.target),
    status: sd.status,
    statusReason: sd.statusReason,
    lifecycleStage: sd.stage,
    lifecycleHookDetails:
      sd.hooks.length > 0
        ? sd.hooks.map((h) => ({
            hookId: h.hookId,
            targetType: h.targetType,
            status: h.status,
            expiresAt: h.expiresAt,
            timeoutAction: h.timeoutAction,
          }))
        : undefined,
    deploymentConfiguration: deploymentConfigurationToWire(sd.circuitBreaker, sd.settings),
    rollback: sd.rollback
      ? { reason: sd.rollback.reason, startedAt: sd.rollback.startedAt, serviceRevisionArn: sd.rollback.revisionArn }
      : undefined,
    deploymentCircuitBreaker: { ...sd.breaker },
    alarms:
      sd.alarms.status === 'DISABLED'
        ? { status: 'DISABLED' }
        : {
            status: sd.alarms.status,
            alarmNames: [...(sd.settings.alarms?.alarmNames ?? [])],
            triggeredAlarmNames: [...sd.alarms.triggered],
          },
  };
}

export function serviceDeploymentBriefToWire(world: World, sd: ServiceDeployment) {
  const service = world.services.get(sd.serviceKey);
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: service?.arn,
    clusterArn: service?.cluster.arn,
    startedAt: sd.startedAt,
    createdAt: sd.createdAt,
    finishedAt: sd.finishedAt,
    targetServiceRevisionArn: sd.target.revision.arn,
    status: sd.status,
    statusReason: sd.statusReason,
  };
}

export function serviceRevisionToWire(revision: ServiceRevision) {
  return {
    serviceRevisionArn: revision.arn,
    serviceArn: revision.serviceArn,
    clusterArn: revision.clusterArn,
    taskDefinition: revision.taskDefinitionArn,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    containerImages: revision.containerImages.map((c) => ({ ...c })),
    guardDutyEnabled: false,
    serviceConnectConfiguration: { enabled: false },
    createdAt: revision.createdAt,
  };
}

/** `Service.currentServiceRevisions`: one summary per revision the service still runs. */
export function currentRevisionsToWire(service: Service) {
  return service.deployments
    .filter((d) => d.revisionArn !== undefined)
    .map((d) => {
      const counts = liveCounts(d);
      return {
        arn: d.revisionArn,
        requestedTaskCount: d.desiredCount,
        runningTaskCount: counts.running,
        pendingTaskCount: counts.pending,
      };
    });
}
