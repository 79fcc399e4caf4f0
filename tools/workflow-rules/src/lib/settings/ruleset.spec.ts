import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inline } from '../../test-support/fixtures';
import { WORKSPACE_ROOT, realWorkflow } from '../../test-support/real-workflows';
import { checkRuleset, requiredCheckContexts } from './ruleset';

const RULESET_FILE = '.github/rulesets/main.json';
const realRuleset = () => JSON.parse(readFileSync(join(WORKSPACE_ROOT, RULESET_FILE), 'utf8'));
const ci = inline(
  'on: pull_request\njobs:\n  lint:\n    steps: []\n  scan:\n    strategy:\n      matrix:\n        language: [js, actions]\n    steps: []\n',
);
const ruleset = (contexts: string[], extra: Record<string, unknown> = {}) => ({
  target: 'branch',
  enforcement: 'active',
  conditions: { ref_name: { include: ['~DEFAULT_BRANCH'] } },
  rules: [
    { type: 'non_fast_forward' },
    { type: 'pull_request', parameters: { required_approving_review_count: 1 } },
    {
      type: 'required_status_checks',
      parameters: { required_status_checks: contexts.map((context) => ({ context })) },
    },
  ],
  ...extra,
});

describe('the main branch ruleset', () => {
  it('requires exactly the check runs of the real ci.yml, one approval and no force pushes', () => {
    expect(checkRuleset(realRuleset(), RULESET_FILE, realWorkflow('ci.yml'))).toEqual([]);
  });

  it('lists the contexts it requires', () => {
    expect(requiredCheckContexts(realRuleset())).toContain('codeql (actions)');
    expect(requiredCheckContexts({})).toEqual([]);
  });

  it('accepts a ruleset matching the workflow', () => {
    expect(checkRuleset(ruleset(['lint', 'scan (js)', 'scan (actions)']), 'r.json', ci)).toEqual([]);
  });

  it.each<[string, object, string]>([
    [
      'a renamed job',
      ruleset(['lint', 'scan (js)', 'scan (actions)', 'test']),
      'required check "test" is not a job of inline.yml',
    ],
    [
      'a job left out',
      ruleset(['lint', 'scan (js)']),
      'inline.yml check "scan (actions)" is not required by the ruleset',
    ],
    [
      'no approval',
      { ...ruleset(['lint', 'scan (js)', 'scan (actions)']), rules: [{ type: 'non_fast_forward' }] },
      'at least one approving review',
    ],
    [
      'force pushes allowed',
      { ...ruleset(['lint', 'scan (js)', 'scan (actions)']), rules: ruleset([]).rules.slice(1) },
      'force pushes are blocked',
    ],
    [
      'another branch',
      ruleset(['lint', 'scan (js)', 'scan (actions)'], { conditions: { ref_name: { include: ['refs/heads/dev'] } } }),
      'applies to main',
    ],
    [
      'evaluate mode',
      ruleset(['lint', 'scan (js)', 'scan (actions)'], { enforcement: 'evaluate' }),
      'an active branch ruleset',
    ],
  ])('fires on %s', (_, candidate, expected) => {
    const messages = checkRuleset(candidate, 'r.json', ci).map((f) => f.message);
    expect(messages.join('\n')).toContain(expected);
  });
});
