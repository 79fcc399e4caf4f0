import { join } from 'node:path';
import { modulesIn, withoutLoading } from '@slipway/deploy-engine/testing';
import type * as Entry from './factory';
import { EcsProvider } from './lib/ecs-provider';

// Everything but the factory and its pure settings: the AWS SDK and each module of the provider.
const HEAVY = [
  '@aws-sdk/client-ecs',
  '@aws-sdk/client-ecr',
  ...modulesIn(join(__dirname, 'lib'), ['factory.ts', 'settings.ts']),
];
const settings = { region: 'eu-west-1', cluster: 'prod', service: 'api', container: 'api', repository: 'slipway/api' };
const context = { environment: 'production', env: {} };

describe('the light entry point @slipway/deploy-provider-ecs/factory', () => {
  it('names the provider, lists and validates its settings without loading the AWS SDK or the provider', () => {
    withoutLoading(HEAVY, () => {
      const { ecsProviderFactory } = require('./factory') as typeof Entry;
      expect(ecsProviderFactory.name).toBe('ecs');
      expect(ecsProviderFactory.settings.map((setting) => setting.name)).toContain('cluster');
      expect(ecsProviderFactory.validate({ ...settings, region: 'nowhere' })).toEqual([
        'region "nowhere" is not an AWS region name (e.g. eu-west-1)',
      ]);
      expect(() => ecsProviderFactory.create(settings, context)).toThrow('create-provider.ts was loaded');
    });
  });

  it('loads the provider in create, over clients for the configured region', () => {
    const { ecsProviderFactory } = require('./factory') as typeof Entry;
    const provider = ecsProviderFactory.create(settings, context);
    expect(provider).toBeInstanceOf(EcsProvider);
    expect(provider.description).toBe('ECS service api in cluster prod (eu-west-1)');
  });
});
