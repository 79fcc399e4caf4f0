import type { ServiceDefinition } from '@slipway/service-runtime';
import { apiSettings } from './api-settings';
import { registerVersionRoute } from './version-route';

export const apiService: ServiceDefinition<typeof apiSettings> = {
  name: 'api',
  settings: apiSettings,
  registerRoutes(app, config) {
    registerVersionRoute(app, { version: config.appVersion, commit: config.appCommit, builtAt: config.appBuiltAt });
  },
};
