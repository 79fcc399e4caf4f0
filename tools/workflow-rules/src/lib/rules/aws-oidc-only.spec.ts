import { inline } from '../../test-support/fixtures';
import { awsOidcOnly } from './aws-oidc-only';

const AWS = `aws-actions/configure-aws-credentials@${'0'.repeat(40)} # v6.2.3`;
const job = (permissions: string, withBlock: string) =>
  inline(
    `on: push\njobs:\n  a:\n    permissions: ${permissions}\n    steps:\n      - uses: ${AWS}\n        with:\n${withBlock}\n`,
  );

describe('awsOidcOnly', () => {
  it('accepts a role assumed with the job OIDC token', () => {
    expect(
      awsOidcOnly(
        job('{ id-token: write }', '          role-to-assume: arn:aws:iam::1:role/r\n          aws-region: eu-west-1'),
      ),
    ).toEqual([]);
  });

  it('treats write-all as granting id-token', () => {
    expect(awsOidcOnly(job('write-all', '          role-to-assume: arn:aws:iam::1:role/r'))).toEqual([]);
  });

  it('needs id-token: write in the job', () => {
    const [f] = awsOidcOnly(job('{ contents: read }', '          role-to-assume: arn:aws:iam::1:role/r'));
    expect(f.message).toMatch(/lacks "id-token: write"/);
  });

  it('refuses stored session tokens in a job env', () => {
    const workflow = inline('on: push\njobs:\n  a:\n    env:\n      AWS_SESSION_TOKEN: x\n    steps: []\n');
    expect(awsOidcOnly(workflow).map((f) => f.path)).toEqual(['jobs.a']);
  });
});
