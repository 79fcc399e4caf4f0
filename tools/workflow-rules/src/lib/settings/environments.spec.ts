import { checkEnvironments } from './environments';

const mainOnly = { deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } };

describe('checkEnvironments', () => {
  it('accepts settings for every offered environment', () => {
    expect(
      checkEnvironments(
        ['staging', 'production'],
        { staging: mainOnly, production: { ...mainOnly, prevent_self_review: true } },
        {
          'apps/api/deploy.json': ['staging', 'production', 'local'],
          'apps/jobs/deploy.json': ['staging', 'production'],
        },
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof checkEnvironments>, string]>([
    [
      'a missing settings file',
      [['production'], {}, { 'apps/api/deploy.json': ['production'] }],
      '.github/environments/production.json does not exist',
    ],
    [
      'an unknown deploy target',
      [['qa'], { qa: mainOnly }, { 'apps/api/deploy.json': ['production'] }],
      'deploy.yml offers "qa" but apps/api/deploy.json has no such environment',
    ],
    [
      'a service that lacks one of them',
      [
        ['production'],
        { production: { ...mainOnly, prevent_self_review: true } },
        { 'apps/api/deploy.json': ['production'], 'apps/jobs/deploy.json': ['staging'] },
      ],
      'deploy.yml offers "production" but apps/jobs/deploy.json has no such environment',
    ],
    [
      'deploys from any branch',
      [['staging'], { staging: { deployment_branch_policy: null } }, { 'apps/api/deploy.json': ['staging'] }],
      'deployments are limited to main',
    ],
    [
      'self-approved production',
      [['production'], { production: mainOnly }, { 'apps/api/deploy.json': ['production'] }],
      '"prevent_self_review": true',
    ],
    [
      'settings nobody uses',
      [['staging'], { staging: mainOnly, qa: mainOnly }, { 'apps/api/deploy.json': ['staging'] }],
      'environment "qa" is not offered by deploy.yml',
    ],
  ])('fires on %s', (_, args, expected) => {
    expect(
      checkEnvironments(...args)
        .map((f) => f.message)
        .join('\n'),
    ).toContain(expected);
  });
});
