import { annotationOfCommand } from '../../test-support/fake-github-api';
import {
  checkResult,
  type DeployResult,
  deployJobName,
  RESULT_TITLE,
  resultCommand,
  resultOfAnnotation,
  serviceOfJob,
} from './deploy-result';

const rolledBack: DeployResult = {
  service: 'api',
  version: 'v1.2.0',
  environment: 'staging',
  outcome: 'ROLLED_BACK',
  exitCode: 3,
  step: 'failure',
};

describe('a deploy job result', () => {
  it('is written as a notice workflow command and read back from the annotation the runner makes of it', () => {
    const line = resultCommand(rolledBack);
    expect(line).toBe(
      '::notice title=slipway deploy result::{"service":"api","version":"v1.2.0","environment":"staging","step":"failure","outcome":"ROLLED_BACK","exitCode":3}',
    );
    expect(resultOfAnnotation(annotationOfCommand(line))).toEqual(rolledBack);
  });

  it('without an outcome or exit code (the deploy target wrote none) round-trips too', () => {
    const none: DeployResult = { service: 'status', version: 'v1.2.0', environment: 'production', step: 'failure' };
    expect(resultOfAnnotation(annotationOfCommand(resultCommand(none)))).toEqual(none);
  });

  it('escapes what a workflow command must not contain, in the title and the data', () => {
    expect(RESULT_TITLE).not.toMatch(/[:,%\r\n]/);
    expect(resultCommand(rolledBack).split('\n')).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a service that is no project name', { ...rolledBack, service: 'Api;rm' }, 'service is not a project name'],
    ['a version that is not vX.Y.Z', { ...rolledBack, version: 'latest' }, 'version is not vX.Y.Z'],
    ['an environment with a pipe', { ...rolledBack, environment: 'prod|x' }, 'environment is not an environment name'],
    ['an outcome in lower case', { ...rolledBack, outcome: 'rolled back' }, 'outcome is not an outcome name'],
    ['an exit code out of range', { ...rolledBack, exitCode: 300 }, 'exit code is not 0-255'],
    ['an exit code that is no number', { ...rolledBack, exitCode: Number('x') }, 'exit code is not 0-255'],
    ['an unknown step outcome', { ...rolledBack, step: 'exploded' }, 'step is not one of success, failure'],
  ])('refuses %s', (_, value, message) => {
    expect(() => checkResult(value)).toThrow(message);
    expect(() => resultCommand(value as unknown as DeployResult)).toThrow(message);
  });

  it('is found only in its own annotation: other titles are not results, a broken one is refused', () => {
    expect(resultOfAnnotation({ title: 'Invalid version', message: '{}' })).toBeUndefined();
    expect(resultOfAnnotation({ title: null, message: 'Process completed with exit code 1.' })).toBeUndefined();
    expect(() => resultOfAnnotation({ title: RESULT_TITLE, message: 'not json' })).toThrow('is not JSON');
    expect(() => resultOfAnnotation({ title: RESULT_TITLE, message: '{"service":"api"}' })).toThrow(
      'version is not vX.Y.Z',
    );
  });

  it("names a service's job as deploy.yml does, and finds the service in a job name", () => {
    expect(deployJobName('status')).toBe('deploy (status)');
    expect(serviceOfJob('deploy (status)')).toBe('status');
    expect(serviceOfJob('services')).toBeUndefined();
    expect(serviceOfJob('summary')).toBeUndefined();
    expect(serviceOfJob('deploy (a b)')).toBeUndefined();
  });
});
