import { deployConfigLike, localPorts } from './deploy-config';

describe('deployConfigLike', () => {
  it('names the new service where the template kept its own name out of a setting', () => {
    const config = deployConfigLike(
      {
        name: 'api',
        config: {
          environments: {
            prod: { provider: 'ecs', cluster: 'main', service: 'web', container: 'app', repository: 'acme/web' },
          },
        },
      },
      'jobs',
      3001,
    );
    expect(config.environments['prod']).toEqual({
      provider: 'ecs',
      cluster: 'main',
      service: 'jobs',
      container: 'jobs',
      repository: 'acme/jobs',
    });
  });

  it('renames comments, drops $-entries among environments, and leaves shared settings as they are', () => {
    const config = deployConfigLike(
      {
        name: 'api',
        config: {
          $comment: 'Where the api runs.',
          environments: {
            $comment: 'not an environment' as never,
            dev: {
              $comment: 'the api on a laptop',
              provider: 'local',
              registry: 'api.registry.test:5000',
              port: '3000',
            },
          },
        },
      },
      'jobs',
      3005,
    );
    expect(config).toEqual({
      $comment: 'Where the jobs runs.',
      environments: {
        dev: { $comment: 'the jobs on a laptop', provider: 'local', registry: 'api.registry.test:5000', port: '3005' },
      },
    });
  });
});

describe('localPorts', () => {
  it("reads every local environment's port, 3000 where none is named", () => {
    expect(
      localPorts([
        { environments: { local: { provider: 'local', port: '3000' }, prod: { provider: 'ecs' } } },
        { environments: { local: { provider: 'local', port: '3007' }, other: { provider: 'local' } } },
        { environments: {} },
      ]),
    ).toEqual([3000, 3007, 3000]);
  });
});
