import type { Document } from 'yaml';
import { deleteStep, mutated, realWorkflow, runStep, stepIndex, usesStep } from '../../test-support/real-workflows';
import { deployContract } from './deploy-contract';

const messagesAfter = (edit: (doc: Document) => void) =>
  deployContract(mutated('deploy.yml', edit)).map((f) => f.message);
const deployStep = (d: Document) => stepIndex(d, 'deploy', runStep(/nx run "\$SERVICE":deploy/));
const planStep = (d: Document) => stepIndex(d, 'services', runStep(/services:deploy/));
const recordStep = (d: Document) => stepIndex(d, 'deploy', runStep(/deploy:record/));
const summaryStep = (d: Document) => stepIndex(d, 'summary', runStep(/deploy:summary/));

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
      'the deploy job is named otherwise',
      (d) => d.setIn(['jobs', 'deploy', 'name'], 'ship ${{ matrix.service }}'),
      'the deploy job is named "deploy (${{ matrix.service }})"',
    ],
    [
      'the deploy step has no id',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', deployStep(d), 'id']),
      'the deploy step needs an "id"',
    ],
    [
      'no result is recorded',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', recordStep(d)]),
      'a step records the result for the summary: npm run deploy:record',
    ],
    [
      'the result is recorded only on success',
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', recordStep(d), 'if']),
      'the record step runs also when the deploy failed',
    ],
    [
      'the exit code is read from elsewhere',
      (d) => d.setIn(['jobs', 'deploy', 'steps', recordStep(d), 'env', 'EXIT_CODE'], '${{ job.status }}'),
      'the record step reads EXIT_CODE from steps.deploy.outputs.exit-code through env',
    ],
    [
      "the deploy step's outcome is not passed",
      (d) => d.deleteIn(['jobs', 'deploy', 'steps', recordStep(d), 'env', 'DEPLOY_STEP']),
      'the record step reads DEPLOY_STEP from steps.deploy.outcome through env',
    ],
    ['there is no summary job', (d) => d.deleteIn(['jobs', 'summary']), 'writes one summary of every service'],
    [
      'the summary runs before the deploys end',
      (d) => d.setIn(['jobs', 'summary', 'needs'], ['services']),
      'the summary job "needs: [services, deploy]"',
    ],
    [
      'the summary runs only when every deploy succeeded',
      (d) => d.deleteIn(['jobs', 'summary', 'if']),
      'the summary job runs whatever the deploys did ("if: always()")',
    ],
    [
      'the summary may not read annotations',
      (d) => d.deleteIn(['jobs', 'summary', 'permissions', 'checks']),
      'grant "actions: read" and "checks: read"',
    ],
    [
      'the summary may not list the jobs',
      (d) => d.setIn(['jobs', 'summary', 'permissions', 'actions'], 'none'),
      'grant "actions: read" and "checks: read"',
    ],
    [
      'the summary gets no token',
      (d) => d.deleteIn(['jobs', 'summary', 'steps', summaryStep(d), 'env', 'GITHUB_TOKEN']),
      'the summary step gets GITHUB_TOKEN through "env:"',
    ],
    [
      'the summary does not know the services listed',
      (d) => d.deleteIn(['jobs', 'summary', 'steps', summaryStep(d), 'env', 'SERVICES']),
      'the summary step reads SERVICES from needs.services.outputs.services',
    ],
    [
      'the summary job restores a cache',
      (d) =>
        d.deleteIn([
          'jobs',
          'summary',
          'steps',
          stepIndex(d, 'summary', usesStep('actions/setup-node')),
          'with',
          'package-manager-cache',
        ]),
      'package-manager-cache: false',
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
