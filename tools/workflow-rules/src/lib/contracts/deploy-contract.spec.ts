import type { Document } from 'yaml';
import { deleteStep, mutated, realWorkflow, runStep, stepIndex, usesStep } from '../../test-support/real-workflows';
import { deployContract } from './deploy-contract';

const messagesAfter = (edit: (doc: Document) => void) =>
  deployContract(mutated('deploy.yml', edit)).map((f) => f.message);
const deployStep = (d: Document) => stepIndex(d, 'deploy', runStep(/nx run "\$SERVICE":deploy/));
const planStep = (d: Document) => stepIndex(d, 'services', runStep(/services:deploy/));

describe('deploy.yml contract', () => {
  it('holds for the real deploy.yml', () => {
    expect(deployContract(realWorkflow('deploy.yml'))).toEqual([]);
  });

  it.each<[string, (doc: Document) => void, string]>([
    ['it also runs on push', (d) => d.setIn(['on', 'push'], null), 'runs only by hand'],
    [
      'service is free text',
      (d) => d.setIn(['on', 'workflow_dispatch', 'inputs', 'service', 'type'], 'string'),
      'input "service" is a required choice',
    ],
    ['there is no services job', (d) => d.deleteIn(['jobs', 'services']), 'lists the services to deploy with'],
    [
      'the service is not validated first',
      (d) => d.deleteIn(['jobs', 'services', 'steps', 0]),
      'the first step validates SERVICE',
    ],
    [
      'the services step reads the input elsewhere',
      (d) => d.setIn(['jobs', 'services', 'steps', planStep(d), 'env', 'SERVICE'], '${{ github.ref_name }}'),
      'reads SERVICE from inputs.service',
    ],
    [
      'the list is not exposed',
      (d) => d.deleteIn(['jobs', 'services', 'outputs', 'services']),
      'the services job exposes',
    ],
    ['the deploy does not wait for the list', (d) => d.deleteIn(['jobs', 'deploy', 'needs']), '"needs: services"'],
    [
      'the deploy job is not a matrix',
      (d) => d.deleteIn(['jobs', 'deploy', 'strategy', 'matrix']),
      'a matrix "service: ${{ fromJSON(needs.services.outputs.services) }}"',
    ],
    [
      'one failed service cancels the others',
      (d) => d.setIn(['jobs', 'deploy', 'strategy', 'fail-fast'], true),
      'with "fail-fast: false"',
    ],
    [
      'SERVICE comes from elsewhere',
      (d) => d.setIn(['jobs', 'deploy', 'steps', deployStep(d), 'env', 'SERVICE'], '${{ inputs.service }}'),
      'reads SERVICE from matrix.service',
    ],
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
      'keyed on matrix.service and inputs.environment',
    ],
    [
      'one lock per environment for every service',
      (d) => d.setIn(['jobs', 'deploy', 'concurrency', 'group'], 'deploy-${{ inputs.environment }}'),
      'one deploy per service and environment',
    ],
    [
      'deploys can be cancelled',
      (d) => d.setIn(['jobs', 'deploy', 'concurrency', 'cancel-in-progress'], true),
      'never cancelled',
    ],
    [
      'no concurrency at all',
      (d) => d.deleteIn(['jobs', 'deploy', 'concurrency']),
      'keyed on matrix.service and inputs.environment',
    ],
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
          'npx nx run "$SERVICE":deploy --version "$VERSION" --environment "$ENVIRONMENT"',
        ),
      'deploys with: nx run "$SERVICE":deploy -- --version',
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
      'the services job restores a cache',
      (d) =>
        d.deleteIn([
          'jobs',
          'services',
          'steps',
          stepIndex(d, 'services', usesStep('actions/setup-node')),
          'with',
          'package-manager-cache',
        ]),
      'package-manager-cache: false',
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
        (d.getIn(['jobs', 'deploy', 'steps']) as { add(v: unknown): void }).add({
          run: 'npx nx run "$SERVICE":docker:build',
        }),
      'builds nothing',
    ],
    [
      'there is no deploy',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', deployStep(d)]),
      'no job runs "nx run "$SERVICE":deploy"',
    ],
  ])('fires when %s', (_, edit, expected) => {
    expect(messagesAfter(edit).join('\n')).toContain(expected);
  });
});
