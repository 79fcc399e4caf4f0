import { BRANCH_RULE, checkBranchName, formatBranchRefusal, suggestBranchName } from './branch-rule';

describe('checkBranchName', () => {
  it.each([
    ['feature/add-health-check', 'work'],
    ['bugfix/rollback-timeout', 'work'],
    ['feature/x', 'work'],
    ['feature/v2-api', 'work'],
    [`feature/${'a'.repeat(50)}`, 'work'],
    ['main', 'protected'],
    ['dependabot/npm_and_yarn/fastify-5.2.0', 'bot'],
    ['renovate/aws-sdk-monorepo', 'bot'],
  ])('accepts %p as a %s branch', (name, kind) => {
    expect(checkBranchName(name)).toEqual({ valid: true, kind });
  });

  it.each([
    ['my-branch', 'it has no feature/ or bugfix/ prefix', undefined],
    ['Fix_Login', 'it has no feature/ or bugfix/ prefix', 'bugfix/login'],
    ['feat-add-login', 'it has no feature/ or bugfix/ prefix', 'feature/add-login'],
    ['fix', 'it has no feature/ or bugfix/ prefix', undefined],
    ['master', 'it has no feature/ or bugfix/ prefix', undefined],
    ['feat/login', 'its prefix "feat/" is not feature/ or bugfix/', 'feature/login'],
    ['hotfix/crash', 'its prefix "hotfix/" is not feature/ or bugfix/', 'bugfix/crash'],
    ['Feature/Login', 'its prefix "Feature/" is not feature/ or bugfix/', 'feature/login'],
    ['feature/', 'it has no description after "feature/"', undefined],
    ['feature/AddLogin', 'its description "AddLogin" is not lower-case kebab-case', 'feature/add-login'],
    ['feature/add_login', 'its description "add_login" is not lower-case kebab-case', 'feature/add-login'],
    ['feature/add--login', 'its description "add--login" is not lower-case kebab-case', 'feature/add-login'],
    ['feature/-login', 'its description "-login" is not lower-case kebab-case', 'feature/login'],
    ['feature/a/b', 'its description "a/b" is not lower-case kebab-case', 'feature/a-b'],
    ['bugfix/ünïcode', 'its description "ünïcode" is not lower-case kebab-case', 'bugfix/n-code'],
    [`feature/${'a'.repeat(51)}`, 'its description has 51 characters (at most 50)', `feature/${'a'.repeat(50)}`],
    ['dependabot/', 'its prefix "dependabot/" is not feature/ or bugfix/', undefined],
    ['main2', 'it has no feature/ or bugfix/ prefix', undefined],
  ])('refuses %p', (name, problem, suggestion) => {
    const check = checkBranchName(name);
    expect(check).toEqual(suggestion === undefined ? { valid: false, problem } : { valid: false, problem, suggestion });
  });

  it('only suggests names that pass the rule', () => {
    for (const name of ['feat/Add Login!', 'fix/CRASH_on_start', 'Features/x', 'bug/a--b']) {
      const suggestion = suggestBranchName(name);
      expect(suggestion).toBeDefined();
      expect(checkBranchName(suggestion!)).toEqual({ valid: true, kind: 'work' });
    }
  });

  it('gives no suggestion when the intent cannot be guessed', () => {
    expect(suggestBranchName('wip/stuff')).toBeUndefined();
    expect(suggestBranchName('feature/!!!')).toBeUndefined();
  });
});

describe('formatBranchRefusal', () => {
  it('names the problem, states the rule and proposes a rename', () => {
    const check = checkBranchName('feat/Login');
    if (check.valid) throw new Error('expected a refusal');
    const message = formatBranchRefusal('feat/Login', check);
    expect(message).toContain('Branch name "feat/Login" is refused: its prefix "feat/" is not feature/ or bugfix/.');
    expect(message).toContain(BRANCH_RULE);
    expect(message).toContain('Rename it: git branch -m "feat/Login" feature/login');
    expect(message).toContain('dependabot/*, renovate/*');
  });

  it('omits the rename line without a suggestion', () => {
    const check = checkBranchName('wip');
    if (check.valid) throw new Error('expected a refusal');
    expect(formatBranchRefusal('wip', check)).not.toContain('Rename it');
  });
});
