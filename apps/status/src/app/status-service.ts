import {
  buildInfoSettings,
  registerVersionRoute,
  runtimeSettings,
  type ServiceDefinition,
} from '@slipway/service-runtime';

/** What the status service reads from its environment: the runtime's settings and the build identity the image bakes in. */
export const statusSettings = { ...runtimeSettings, ...buildInfoSettings } as const;

export const statusService: ServiceDefinition<typeof statusSettings> = {
  name: 'status',
  settings: statusSettings,
  registerRoutes(app, config) {
    registerVersionRoute(app, config);
  },
};
