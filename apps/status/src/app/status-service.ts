import {
  buildInfoSettings,
  integerSetting,
  registerVersionRoute,
  runtimeSettings,
  type ServiceDefinition,
} from '@slipway/service-runtime';
import { statusTargetsSetting } from './status-targets';
import { upstreamStatus } from './upstream-status';

/** What the status service reads from its environment: the runtime's settings and the build identity the image bakes in. */
export const statusSettings = {
  ...runtimeSettings,
  ...buildInfoSettings,
  targets: statusTargetsSetting('STATUS_TARGETS'),
  timeoutMs: integerSetting('STATUS_TIMEOUT_MS', 2000, 1, 10_000),
} as const;

/**
 * A status page for the services beside it: GET /status asks each service named in STATUS_TARGETS
 * for its /version, all at once, and answers which are up and which build each one runs. Always
 * 200 while this service itself works: "degraded" is the page's news, not its own failure.
 */
export const statusService: ServiceDefinition<typeof statusSettings> = {
  name: 'status',
  settings: statusSettings,
  registerRoutes(app, config) {
    registerVersionRoute(app, config);
    app.get('/status', async () => {
      const services = await Promise.all(config.targets.map((target) => upstreamStatus(target, config.timeoutMs)));
      return { status: services.every((service) => service.up) ? 'ok' : 'degraded', services };
    });
  },
};
