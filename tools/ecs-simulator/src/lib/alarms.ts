import type { Service } from './model';
import { rollBackDeployment } from './platform-rollback';
import type { ServiceDeployment } from './service-deployment-model';
import { setStatus, touch } from './service-deployments';
import type { World } from './world';

/**
 * A CloudWatch alarm of the service's `deploymentConfiguration.alarms` went into ALARM. ECS
 * watches only the alarms it was given, and only while a deployment is in progress: with
 * `rollback` it rolls back, without it the deployment fails (STOPPED).
 */
export function triggerAlarm(world: World, service: Service, sd: ServiceDeployment, name: string): void {
  const alarms = sd.settings.alarms;
  world.recordServiceDeployment({ service: service.name, serviceDeploymentArn: sd.arn, event: 'ALARM', detail: name });
  if (!alarms?.enable || !alarms.alarmNames.includes(name)) return;
  sd.alarms.status = 'TRIGGERED';
  sd.alarms.triggered = [...new Set([...sd.alarms.triggered, name])];
  touch(world, sd);
  const failed = sd.target.deployment;
  if (alarms.rollback) return rollBackDeployment(world, service, failed, { kind: 'alarm', names: sd.alarms.triggered });
  failed.rolloutState = 'FAILED';
  failed.rolloutStateReason = `ECS deployment alarms: ${name} triggered.`;
  setStatus(world, service, sd, 'STOPPED', `ECS deployment alarms: ${name} in ALARM state.`);
}
