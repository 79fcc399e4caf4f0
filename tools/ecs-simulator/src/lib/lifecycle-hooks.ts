import type { Service } from './model';
import { rollBackDeployment } from './platform-rollback';
import type { HookAction, HookDetail, LifecycleStage, ServiceDeployment } from './service-deployment-model';
import { touch } from './service-deployments';
import type { World } from './world';

/** ECS default: a hook waits 1440 minutes, then takes its timeout action, ROLLBACK by default. */
const DEFAULT_TIMEOUT_MINUTES = 1440;

/**
 * Runs `proceed` now, or, when a PAUSE hook is attached to `stage`, once someone answers it with
 * ContinueServiceDeployment(CONTINUE) (or it times out with action CONTINUE). ROLLBACK, either way,
 * rolls the deployment back. Lambda hooks are not modelled: they pass at once.
 */
export function pauseAt(
  world: World,
  service: Service,
  sd: ServiceDeployment,
  stage: LifecycleStage,
  proceed: () => void,
): void {
  const hook = sd.settings.lifecycleHooks.find((h) => h.targetType === 'PAUSE' && h.lifecycleStages.includes(stage));
  if (!hook) return proceed();
  const timeoutSeconds = (hook.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60;
  const detail: HookDetail = {
    hookId: world.ids.pauseHookId(),
    targetType: 'PAUSE',
    stage,
    status: 'AWAITING_ACTION',
    expiresAt: world.timestamp(world.time + timeoutSeconds),
    timeoutAction: hook.timeoutConfiguration?.action ?? 'ROLLBACK',
  };
  sd.hooks.push(detail);
  touch(world, sd);
  world.recordServiceDeployment({
    service: service.name,
    serviceDeploymentArn: sd.arn,
    event: 'HOOK',
    detail: `${stage} AWAITING_ACTION`,
  });
  const resolve = (action: HookAction, timedOut: boolean) => {
    world.pausedHooks.delete(detail.hookId);
    detail.status = timedOut ? 'TIMED_OUT' : action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
    touch(world, sd);
    world.recordServiceDeployment({
      service: service.name,
      serviceDeploymentArn: sd.arn,
      event: 'HOOK',
      detail: `${stage} ${detail.status}`,
    });
    if (action === 'CONTINUE') return proceed();
    rollBackDeployment(world, service, sd.target.deployment, {
      kind: 'hook',
      hookId: detail.hookId,
      stage,
      timedOut,
    });
  };
  world.pausedHooks.set(detail.hookId, resolve);
  const epoch = sd.epoch;
  world.scheduler.schedule(world.time + timeoutSeconds, () => {
    if (detail.status === 'AWAITING_ACTION' && sd.epoch === epoch) resolve(detail.timeoutAction, true);
  });
}
