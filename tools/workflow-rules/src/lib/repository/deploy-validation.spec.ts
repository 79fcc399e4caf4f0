import { spawnSync } from 'node:child_process';
import { isReleaseVersion } from '@slipway/versioning';
import { realWorkflow } from '../../test-support/real-workflows';

/** The first step of a deploy.yml job, run by bash exactly as the runner would (bash -e). */
function firstStep(job: string, env: Record<string, string>) {
  const script = realWorkflow('deploy.yml').jobs.find((j) => j.id === job)?.steps[0].run ?? '';
  return spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], {
    env: { PATH: process.env['PATH'], ...env },
    encoding: 'utf8',
  });
}

const validate = (version: string, environment = 'production') =>
  firstStep('deploy', { VERSION: version, ENVIRONMENT: environment });

describe("deploy.yml's input validation", () => {
  it.each([
    'v1.2.0',
    'v0.0.1',
    'v10.20.30',
    '1.2.0',
    'v1.2',
    'v1.2.3.4',
    'v01.2.3',
    'V1.2.3',
    'v1.2.3-rc.1',
    'latest',
    '',
    ' v1.2.3',
    'v1.2.3\n',
    'v1.2.3;id',
    'v1.2.3$(id)',
    'v1234567890.0.0',
  ])('agrees with @slipway/versioning on %p', (version) => {
    const result = validate(version);
    expect(result.status).toBe(isReleaseVersion(version) ? 0 : 2);
  });

  it('prints a refused input escaped, never as a workflow command', () => {
    const result = validate('v1\n::add-mask::secret');
    expect(result.status).toBe(2);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([
      '::error title=Invalid version::not a release version: use vMAJOR.MINOR.PATCH, e.g. v1.2.0',
    ]);
  });

  it.each([
    ['staging', 0],
    ['production', 0],
    ['Production', 2],
    ['prod;id', 2],
    ['', 2],
  ])('accepts environment %p with exit %i', (environment, status) => {
    expect(validate('v1.2.0', environment).status).toBe(status);
  });
});

describe("deploy.yml's service validation", () => {
  it.each([
    ['api', 0],
    ['all', 0],
    ['job-runner', 0],
    ['Api', 2],
    ['api;id', 2],
    ['$(id)', 2],
    ['', 2],
  ])('accepts service %p with exit %i', (service, status) => {
    expect(firstStep('services', { SERVICE: service }).status).toBe(status);
  });

  it('prints a refused input escaped, never as a workflow command', () => {
    const result = firstStep('services', { SERVICE: 'x\n::add-mask::secret' });
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([
      '::error title=Invalid service::not a project name',
    ]);
  });
});
