import {
  buildInfoSettings,
  registerVersionRoute,
  runtimeSettings,
  type ServiceDefinition,
} from '@slipway/service-runtime';

/** What the api service reads from its environment: the runtime's settings and the build identity the image bakes in. */
export const apiSettings = { ...runtimeSettings, ...buildInfoSettings } as const;

export const apiService: ServiceDefinition<typeof apiSettings> = {
  name: 'api',
  settings: apiSettings,
  registerRoutes(app, config) {
    registerVersionRoute(app, config);
  },
};
