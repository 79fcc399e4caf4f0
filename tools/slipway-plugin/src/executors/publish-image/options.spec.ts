import { gitHead, resolveOptions } from './options';

describe('resolveOptions', () => {
  const noGit = () => undefined;

  it('takes a flag over the environment over the configuration', () => {
    const configured = { repository: 'slipway/api', image: 'api' };
    const env = { IMAGE_REGISTRY: 'env.example', IMAGE_REPOSITORY: 'env/api' };
    expect(resolveOptions({ given: { ...configured }, configured, env, gitHead: noGit })).toMatchObject({
      registry: 'env.example',
      repository: 'env/api',
      image: 'api',
    });
    expect(
      resolveOptions({
        given: { ...configured, repository: 'flag/api', registry: 'flag.example' },
        configured,
        env,
        gitHead: noGit,
      }),
    ).toMatchObject({
      registry: 'flag.example',
      repository: 'flag/api',
    });
    expect(resolveOptions({ given: { ...configured }, configured, env: {}, gitHead: noGit }).repository).toBe(
      'slipway/api',
    );
  });

  it('falls back to the ECR_* names of the deployment flow, ignoring empty values', () => {
    const env = {
      IMAGE_REGISTRY: '',
      ECR_REGISTRY: '1.dkr.ecr.eu-west-1.amazonaws.com',
      ECR_REPOSITORY: 'slipway/api',
    };
    expect(resolveOptions({ given: {}, env, gitHead: noGit })).toMatchObject({
      registry: '1.dkr.ecr.eu-west-1.amazonaws.com',
      repository: 'slipway/api',
    });
  });

  it('takes the commit from the flag, then GITHUB_SHA, then git', () => {
    const [flag, env, head] = ['a', 'b', 'c'].map((digit) => digit.repeat(40));
    expect(resolveOptions({ given: { commit: flag }, env: { GITHUB_SHA: env }, gitHead: () => head }).commit).toBe(
      flag,
    );
    expect(resolveOptions({ given: {}, env: { GITHUB_SHA: env }, gitHead: () => head }).commit).toBe(env);
    expect(resolveOptions({ given: {}, env: {}, gitHead: () => head }).commit).toBe(head);
    expect(resolveOptions({ given: {}, env: {}, gitHead: noGit }).commit).toBe('');
  });

  it('fills the defaults', () => {
    expect(resolveOptions({ given: {}, env: {}, gitHead: noGit })).toEqual({
      registry: '',
      repository: '',
      commit: '',
      version: undefined,
      image: undefined,
      promote: false,
      auth: 'auto',
      plainHttp: false,
      json: false,
    });
  });
});

describe('gitHead', () => {
  it('reads HEAD of a repository and nothing elsewhere', () => {
    expect(gitHead(__dirname)).toMatch(/^[0-9a-f]{40}$/);
    expect(gitHead('/')).toBeUndefined();
  });
});
