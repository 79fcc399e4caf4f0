import { inline } from '../../test-support/fixtures';
import { leastPrivilegeJobs } from './least-privilege-jobs';

const SHA = '0'.repeat(40);
const job = (permissions: string, steps: string) =>
  inline(`on: push\njobs:\n  j:\n    permissions: ${permissions}\n    steps:\n${steps}\n`);

describe('leastPrivilegeJobs', () => {
  it('accepts read-only and absent grants', () => {
    expect(leastPrivilegeJobs(job('read-all', '      - run: "true"'))).toEqual([]);
    expect(leastPrivilegeJobs(job('{ contents: read }', '      - run: "true"'))).toEqual([]);
    expect(leastPrivilegeJobs(inline('on: push\njobs:\n  j:\n    steps: []\n'))).toEqual([]);
  });

  it.each([
    ['{ id-token: write }', `      - uses: aws-actions/configure-aws-credentials@${SHA} # v6.2.3`],
    ['{ security-events: write }', `      - uses: github/codeql-action/upload-sarif@${SHA} # v4.36.2`],
    ['{ contents: write, issues: write, pull-requests: write }', '      - run: npx semantic-release'],
  ])('accepts %s when a step needs it', (permissions, steps) => {
    expect(leastPrivilegeJobs(job(permissions, steps))).toEqual([]);
  });

  it('names the step that would justify an unneeded write', () => {
    const [f] = leastPrivilegeJobs(job('{ security-events: write }', '      - run: npx nx affected -t test'));
    expect(f.message).toBe(
      'job "j" grants security-events: write but has no step that needs it (only github/codeql-action (SARIF upload) does): remove it',
    );
  });

  it('refuses write scopes Slipway never needs', () => {
    const [f] = leastPrivilegeJobs(job('{ deployments: write }', '      - run: "true"'));
    expect(f.message).toMatch(/grants deployments: write, which no Slipway step needs/);
  });
});
