import { imageRepository, SLIPWAY_TARGET_GROUP, slipwayTargets } from './slipway-targets';

describe('slipwayTargets', () => {
  const inferred = slipwayTargets({ root: 'apps/billing', name: 'billing', repository: 'acme/billing' });

  it('points deploy, rollback and deploy-status at the project deploy config', () => {
    for (const name of ['deploy', 'rollback', 'deploy-status']) {
      expect(inferred.targets?.[name]).toMatchObject({
        executor: `@slipway/nx-plugin:${name}`,
        options: { config: 'apps/billing/deploy.json' },
      });
    }
  });

  it('publishes the image docker:build tags with the project name, to the repository deploy.json names', () => {
    expect(inferred.targets?.['publish-image']).toMatchObject({
      executor: '@slipway/nx-plugin:publish-image',
      options: { image: 'billing', repository: 'acme/billing' },
    });
  });

  it('leaves the repository to the command line when the deploy config names none', () => {
    const bare = slipwayTargets({ root: 'apps/billing', name: 'billing' });
    expect(bare.targets?.['publish-image']?.options).toEqual({ image: 'billing' });
  });

  it('restates no executor default: options hold only what comes from the project', () => {
    for (const target of Object.values(inferred.targets ?? {})) {
      expect(Object.keys(target.options ?? {}).sort()).toEqual(
        target.executor?.endsWith(':publish-image') ? ['image', 'repository'] : ['config'],
      );
    }
  });

  it('groups the five targets under Slipway, each with a description and a --help that keeps flags after --', () => {
    expect(inferred.metadata?.targetGroups).toEqual({
      [SLIPWAY_TARGET_GROUP]: ['publish-image', 'deploy', 'rollback', 'deploy-continue', 'deploy-status'],
    });
    for (const [name, target] of Object.entries(inferred.targets ?? {})) {
      expect(target.metadata?.description?.length).toBeGreaterThan(20);
      expect(target.metadata?.help?.command).toBe(`npx nx run billing:${name} --help`);
      const args = target.metadata?.help?.example.args ?? [];
      expect(args[0]).toBe('--');
    }
  });
});

describe('imageRepository', () => {
  const config = (...repositories: (string | undefined)[]) => ({
    environments: Object.fromEntries(repositories.map((repository, i) => [`env${i}`, { provider: 'x', repository }])),
  });

  it.each([
    ['one bare repository', config('slipway/api', 'slipway/api'), 'slipway/api'],
    [
      'a registry-qualified one agreeing with it',
      config('slipway/api', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api'),
      'slipway/api',
    ],
    ['a registry with a port', config('127.0.0.1:5055/team/api'), 'team/api'],
    ['localhost', config('localhost/team/api'), 'team/api'],
    ['a single-segment name', config('api'), 'api'],
    ['environments without one, beside one that has it', config(undefined, 'slipway/api'), 'slipway/api'],
  ])('reads %s', (_, deployConfig, expected) => {
    expect(imageRepository(deployConfig)).toBe(expected);
  });

  it.each([
    ['environments that disagree', config('slipway/api', 'slipway/api-v2')],
    ['no repository at all', config(undefined)],
    ['no environments', {}],
    ['something that is not a config', 'nonsense'],
    ['nothing', undefined],
  ])('gives up on %s', (_, deployConfig) => {
    expect(imageRepository(deployConfig)).toBeUndefined();
  });

  it('skips $comment entries', () => {
    expect(
      imageRepository({ environments: { $comment: { repository: 'x/y' }, a: { repository: 'slipway/api' } } }),
    ).toBe('slipway/api');
  });
});
