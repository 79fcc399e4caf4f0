import { inline } from '../../test-support/fixtures';
import { checkAuditScript, checkNpmScripts } from './npm-scripts';

describe('checkNpmScripts', () => {
  const workflow = inline(
    'on: push\njobs:\n  a:\n    steps:\n      - run: npm run lint:workflows\n      - run: npm run-script gone -- --flag && npm ci\n',
  );

  it('accepts scripts that exist', () => {
    expect(checkNpmScripts([workflow], { 'lint:workflows': 'x', gone: 'y' })).toEqual([]);
  });

  it('names a missing script and where it is called', () => {
    const [f] = checkNpmScripts([workflow], { 'lint:workflows': 'x' });
    expect([f.path, f.message]).toEqual(['jobs.a.steps[1]', '"npm run gone": package.json has no script "gone"']);
  });
});

describe('checkAuditScript', () => {
  it('accepts an audit of production dependencies at a stated level', () => {
    expect(checkAuditScript({ 'audit:prod': 'npm audit --omit=dev --audit-level=high' })).toEqual([]);
  });

  it.each<Record<string, string>>([
    {},
    { 'audit:prod': 'npm audit' },
    { 'audit:prod': 'npm audit --audit-level=high' },
    { 'audit:prod': 'npm audit --omit=dev --audit-level=none' },
  ])('refuses %p', (scripts) => {
    expect(checkAuditScript(scripts)).toHaveLength(1);
  });
});
