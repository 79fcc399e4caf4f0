import { checkEnvironments } from './environments';

const mainOnly = { deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } };

describe('checkEnvironments', () => {
  it('accepts settings for every offered environment', () => {
    expect(
      checkEnvironments(
        ['staging', 'production'],
        { staging: mainOnly, production: { ...mainOnly, prevent_self_review: true } },
        ['staging', 'production'],
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof checkEnvironments>, string]>([
    [
      'a missing settings file',
      [['production'], {}, ['production']],
      '.github/environments/production.json does not exist',
    ],
    [
      'an unknown deploy target',
      [['qa'], { qa: mainOnly }, ['production']],
      'apps/api/deploy.json has no such environment',
    ],
    [
      'deploys from any branch',
      [['staging'], { staging: { deployment_branch_policy: null } }, ['staging']],
      'deployments are limited to main',
    ],
    [
      'self-approved production',
      [['production'], { production: mainOnly }, ['production']],
      '"prevent_self_review": true',
    ],
    [
      'settings nobody uses',
      [['staging'], { staging: mainOnly, qa: mainOnly }, ['staging']],
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
