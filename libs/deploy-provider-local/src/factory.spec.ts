import { join } from 'node:path';
import { modulesIn, withoutLoading } from '@slipway/deploy-engine/testing';
import type * as Entry from './factory';

// Everything but the factory and its pure settings: each module of the provider and the registry
// client (the settings parse names through @slipway/image-registry/reference only).
const HEAVY = ['@slipway/image-registry', ...modulesIn(join(__dirname, 'lib'), ['factory.ts', 'settings.ts'])];
const settings = { registry: '127.0.0.1:5000', repository: 'slipway/api', container: 'api-local', port: '8080' };
const context = { environment: 'local', env: { DOCKER_HOST: 'unix:///fake/docker.sock' } };

describe('the light entry point @slipway/deploy-provider-local/factory', () => {
  it('names the provider, lists and validates its settings without loading the provider', () => {
    withoutLoading(HEAVY, () => {
      const { localProviderFactory } = require('./factory') as typeof Entry;
      expect(localProviderFactory.name).toBe('local');
      expect(localProviderFactory.settings.map((setting) => setting.name)).toContain('container');
      expect(localProviderFactory.validate(settings)).toEqual([]);
      expect(localProviderFactory.validate({ ...settings, container: '-api', repository: 'Slipway/API' })).toHaveLength(
        2,
      );
      expect(() => localProviderFactory.create(settings, context)).toThrow('create-provider.ts was loaded');
    });
  });

  it('loads the provider in create, on the Docker engine of DOCKER_HOST, and no AWS SDK', () => {
    withoutLoading(['@aws-sdk/client-ecr', '@aws-sdk/client-ecs'], () => {
      const { localProviderFactory } = require('./factory') as typeof Entry;
      const provider = localProviderFactory.create(settings, context);
      expect(provider.description).toBe(
        'Docker container api-local (port 8080, host network) on unix:///fake/docker.sock',
      );
    });
  });
});
