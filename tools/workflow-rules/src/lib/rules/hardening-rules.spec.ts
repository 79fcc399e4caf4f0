import { fixture } from '../../test-support/fixtures';
import { HARDENING_RULES, checkHardening } from './index';

/** Each bad fixture breaks exactly one rule, in the number of places listed here. */
const BAD_FIXTURES: ReadonlyArray<[rule: string, findings: number]> = [
  ['pinned-actions', 5],
  ['action-runtime', 3],
  ['read-only-top-level-permissions', 1],
  ['least-privilege-jobs', 4],
  ['no-expressions-in-run', 2],
  ['checkout-without-credentials', 2],
  ['no-dangerous-triggers', 2],
  ['npm-ci', 4],
  ['node-from-nvmrc', 2],
  ['nx-version-after-separator', 3],
  ['aws-oidc-only', 5],
  ['no-latest-tag', 2],
];

describe('hardening rules over fixture workflows', () => {
  it('has one bad fixture per rule', () => {
    expect(BAD_FIXTURES.map(([rule]) => rule).sort()).toEqual(Object.keys(HARDENING_RULES).sort());
  });

  it('finds nothing in the good fixture', () => {
    expect(checkHardening(fixture('good'))).toEqual([]);
  });

  it.each(BAD_FIXTURES)('%s fires on its bad fixture, and no other rule does', (rule, count) => {
    const findings = checkHardening(fixture(`bad-${rule}`));
    expect(findings.map((f) => f.rule)).toEqual(Array(count).fill(rule));
    for (const f of findings) {
      expect(f.file).toBe(`bad-${rule}.yml`);
      expect(f.line).toBeGreaterThan(0);
    }
  });
});
