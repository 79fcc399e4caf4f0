import type { Document } from 'yaml';
import { deleteStep, mutated, realWorkflow, runStep, stepIndex, usesStep } from '../../test-support/real-workflows';
import { deployContract } from './deploy-contract';

const messagesAfter = (edit: (doc: Document) => void) =>
  deployContract(mutated('deploy.yml', edit)).map((f) => f.message);
const deployStep = (d: Document) => stepIndex(d, 'deploy', runStep(/nx run api:deploy/));

describe('deploy.yml contract', () => {
  it('holds for the real deploy.yml', () => {
    expect(deployContract(realWorkflow('deploy.yml'))).toEqual([]);
  });

  it.each<[string, (doc: Document) => void, string]>([
    ['it also runs on push', (d) => d.setIn(['on', 'push'], null), 'runs only by hand'],
    [
      'version is optional',
      (d) => d.setIn(['on', 'workflow_dispatch', 'inputs', 'version', 'required'], false),
      'input "version" is a required string',
    ],
    [
      'environment is free text',
      (d) => d.setIn(['on', 'workflow_dispatch', 'inputs', 'environment', 'type'], 'string'),
      'input "environment" is a choice',
    ],
    [
      'no GitHub environment',
      (d) => d.deleteIn(['jobs', 'deploy', 'environment']),
      'uses the GitHub environment named by the input',
    ],
    [
      'a fixed environment',
      (d) => d.setIn(['jobs', 'deploy', 'environment'], 'production'),
      'uses the GitHub environment named by the input',
    ],
    [
      'one global deploy lock',
      (d) => d.setIn(['jobs', 'deploy', 'concurrency', 'group'], 'deploy'),
      'keyed on inputs.environment',
    ],
    [
      'deploys can be cancelled',
      (d) => d.setIn(['jobs', 'deploy', 'concurrency', 'cancel-in-progress'], true),
      'never cancelled',
    ],
    ['no concurrency at all', (d) => d.deleteIn(['jobs', 'deploy', 'concurrency']), 'keyed on inputs.environment'],
    [
      'the version is validated after checkout',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', 0]),
      'the first step validates VERSION',
    ],
    [
      'the validation reads the input directly',
      (d) => d.setIn(['jobs', 'deploy', 'steps', 0, 'env', 'VERSION'], '${{ github.ref_name }}'),
      'the first step validates VERSION',
    ],
    [
      'the --version trap',
      (d) =>
        d.setIn(
          ['jobs', 'deploy', 'steps', deployStep(d), 'run'],
          'npx nx run api:deploy --version "$VERSION" --environment "$ENVIRONMENT"',
        ),
      'deploys with: nx run api:deploy -- --version',
    ],
    [
      'VERSION comes from elsewhere',
      (d) => d.setIn(['jobs', 'deploy', 'steps', deployStep(d), 'env', 'VERSION'], '${{ github.ref_name }}'),
      'reads VERSION from inputs.version',
    ],
    [
      'ENVIRONMENT comes from elsewhere',
      (d) => d.setIn(['jobs', 'deploy', 'steps', deployStep(d), 'env', 'ENVIRONMENT'], 'production'),
      'reads ENVIRONMENT from inputs.environment',
    ],
    [
      'no AWS credentials',
      (d) => deleteStep(d, 'deploy', usesStep('aws-actions/configure-aws-credentials')),
      'configure-aws-credentials (OIDC) before the deploy',
    ],
    [
      'setup-node restores a cache',
      (d) =>
        d.deleteIn([
          'jobs',
          'deploy',
          'steps',
          stepIndex(d, 'deploy', usesStep('actions/setup-node')),
          'with',
          'package-manager-cache',
        ]),
      'package-manager-cache: false',
    ],
    [
      'it builds an image',
      (d) =>
        (d.getIn(['jobs', 'deploy', 'steps']) as { add(v: unknown): void }).add({ run: 'npx nx run api:docker:build' }),
      'builds nothing',
    ],
    [
      'there is no deploy',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', deployStep(d)]),
      'no job runs "nx run api:deploy"',
    ],
  ])('fires when %s', (_, edit, expected) => {
    expect(messagesAfter(edit).join('\n')).toContain(expected);
  });
});
