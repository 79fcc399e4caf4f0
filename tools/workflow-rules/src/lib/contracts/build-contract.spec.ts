import type { Document } from 'yaml';
import { deleteStep, mutated, realWorkflow, runStep, stepIndex, usesStep } from '../../test-support/real-workflows';
import { buildContract } from './build-contract';

const messagesAfter = (edit: (doc: Document) => void) =>
  buildContract(mutated('build.yml', edit)).map((f) => f.message);
const publishWithVersion = (d: Document) => stepIndex(d, 'image', runStep(/publish-image[\s\S]*--version/));
const publishShaOnly = (d: Document) =>
  stepIndex(d, 'image', (s) => /publish-image/.test(String(s['run'])) && !/--version/.test(String(s['run'])));
const trivy = (d: Document) => stepIndex(d, 'image', usesStep('aquasecurity/trivy-action'));

describe('build.yml contract', () => {
  it('holds for the real build.yml', () => {
    expect(buildContract(realWorkflow('build.yml'))).toEqual([]);
  });

  it.each<[string, (doc: Document) => void, string]>([
    ['it also runs on pull requests', (d) => d.setIn(['on', 'pull_request'], null), 'runs only on pushes to main'],
    [
      'it runs on another branch',
      (d) => d.setIn(['on', 'push', 'branches'], ['release']),
      'runs only on pushes to main',
    ],
    ['releases can be cancelled', (d) => d.setIn(['concurrency', 'cancel-in-progress'], true), 'never cancelled'],
    ['there is no release', (d) => d.deleteIn(['jobs', 'release']), 'no job runs semantic-release'],
    [
      'the release step has no id',
      (d) => d.deleteIn(['jobs', 'release', 'steps', stepIndex(d, 'release', runStep(/npm run release/)), 'id']),
      'needs an "id"',
    ],
    [
      'semantic-release has no token',
      (d) => d.deleteIn(['jobs', 'release', 'steps', stepIndex(d, 'release', runStep(/npm run release/)), 'env']),
      'GITHUB_TOKEN',
    ],
    [
      'the release reads a shallow clone',
      (d) => d.deleteIn(['jobs', 'release', 'steps', 0, 'with', 'fetch-depth']),
      'reads every tag and commit',
    ],
    [
      'version is the bare semver',
      (d) => d.setIn(['jobs', 'release', 'outputs', 'version'], '${{ steps.release.outputs.version }}'),
      'exposes "version: ${{ steps.release.outputs.gitTag }}"',
    ],
    ['published is not exposed', (d) => d.deleteIn(['jobs', 'release', 'outputs', 'published']), 'exposes "published'],
    [
      'the image does not wait for the release',
      (d) => d.setIn(['jobs', 'image', 'needs'], ['services']),
      '"needs: [release, services]"',
    ],
    ['there is no services job', (d) => d.deleteIn(['jobs', 'services']), 'lists the services to build with'],
    [
      'the services job runs before the release',
      (d) => d.deleteIn(['jobs', 'services', 'needs']),
      'the services job "needs: release"',
    ],
    [
      'the services job ignores the release',
      (d) => d.deleteIn(['jobs', 'services', 'steps', stepIndex(d, 'services', runStep(/services:build/)), 'env']),
      'reads PUBLISHED from needs.release.outputs.published',
    ],
    [
      'affected has no base',
      (d) => deleteStep(d, 'services', usesStep('nrwl/nx-set-shas')),
      'nrwl/nx-set-shas sets NX_BASE/NX_HEAD',
    ],
    [
      'affected reads a shallow clone',
      (d) => d.deleteIn(['jobs', 'services', 'steps', 0, 'with', 'fetch-depth']),
      'affected needs the full history',
    ],
    [
      'nx-set-shas cannot read runs',
      (d) => d.deleteIn(['jobs', 'services', 'permissions', 'actions']),
      '"actions: read"',
    ],
    [
      'the list is not exposed',
      (d) => d.deleteIn(['jobs', 'services', 'outputs']),
      'the services job exposes "services: ${{ steps.plan.outputs.services }}"',
    ],
    [
      'the image job is not a matrix',
      (d) => d.deleteIn(['jobs', 'image', 'strategy']),
      'a matrix "service: ${{ fromJSON(needs.services.outputs.services) }}" with "fail-fast: false"',
    ],
    [
      'one service failing cancels the others',
      (d) => d.setIn(['jobs', 'image', 'strategy', 'fail-fast'], true),
      'with "fail-fast: false"',
    ],
    [
      'an empty list starts an empty matrix',
      (d) => d.deleteIn(['jobs', 'image', 'if']),
      'skipped when no service is listed',
    ],
    [
      'the image is built twice',
      (d) =>
        (d.getIn(['jobs', 'image', 'steps']) as { add(v: unknown): void }).add({
          run: 'npx nx run "$SERVICE":docker:build',
          env: { SERVICE: '${{ matrix.service }}' },
        }),
      'built exactly once',
    ],
    [
      'the build names its service another way',
      (d) =>
        d.setIn(
          ['jobs', 'image', 'steps', stepIndex(d, 'image', runStep(/docker:build/)), 'env', 'SERVICE'],
          '${{ github.event.head_commit.message }}',
        ),
      'reads SERVICE from matrix.service through env',
    ],
    [
      'the scan reads another image',
      (d) => d.setIn(['jobs', 'image', 'steps', trivy(d), 'with', 'image-ref'], 'slipway'),
      '"image-ref: ${{ matrix.service }}"',
    ],
    [
      'one repository for every service',
      (d) =>
        d.setIn(['jobs', 'image', 'steps', publishShaOnly(d), 'env', 'ECR_REPOSITORY'], '${{ vars.ECR_REPOSITORY }}'),
      "leaves the repository to the service's own target",
    ],
    [
      'docker is called directly',
      (d) =>
        (d.getIn(['jobs', 'image', 'steps']) as { add(v: unknown): void }).add({
          run: 'docker push example/service:sha-1',
        }),
      'only through the Nx targets',
    ],
    [
      'there is no scan',
      (d) => deleteStep(d, 'image', usesStep('aquasecurity/trivy-action')),
      'scanned (aquasecurity/trivy-action) after the build and before anything is pushed',
    ],
    [
      'the scan only reports',
      (d) => d.deleteIn(['jobs', 'image', 'steps', trivy(d), 'with', 'exit-code']),
      "exit-code: '1'",
    ],
    [
      'the scan ignores criticals',
      (d) => d.setIn(['jobs', 'image', 'steps', trivy(d), 'with', 'severity'], 'HIGH'),
      'fails on CRITICAL',
    ],
    [
      'there are no AWS credentials',
      (d) => deleteStep(d, 'image', usesStep('aws-actions/configure-aws-credentials')),
      'configure-aws-credentials (OIDC) before publishing',
    ],
    [
      'nothing is published',
      (d) => {
        deleteStep(d, 'image', runStep(/publish-image/));
        deleteStep(d, 'image', runStep(/publish-image/));
      },
      'publishes with "nx run "$SERVICE":publish-image"',
    ],
    [
      'a release is never promoted',
      (d) => d.deleteIn(['jobs', 'image', 'steps', publishWithVersion(d)]),
      'one publish step passes --version',
    ],
    [
      'a merge without a release publishes nothing',
      (d) => d.deleteIn(['jobs', 'image', 'steps', publishShaOnly(d)]),
      'still publishes sha-<commit>',
    ],
    [
      'the promotion is unguarded',
      (d) => d.deleteIn(['jobs', 'image', 'steps', publishWithVersion(d), 'if']),
      'adds vX.Y.Z only if',
    ],
    [
      'the sha-only publish also runs on a release',
      (d) => d.deleteIn(['jobs', 'image', 'steps', publishShaOnly(d), 'if']),
      'runs sha-only only unless',
    ],
    [
      'the promotion reads another version',
      (d) => d.setIn(['jobs', 'image', 'steps', publishWithVersion(d), 'env', 'VERSION'], '${{ github.ref_name }}'),
      'reads VERSION from needs.release.outputs.version',
    ],
    [
      'the commit is not passed',
      (d) =>
        d.setIn(
          ['jobs', 'image', 'steps', publishShaOnly(d), 'run'],
          'npx nx run "$SERVICE":publish-image -- --registry "$ECR_REGISTRY"',
        ),
      'passes -- --commit "$GITHUB_SHA"',
    ],
    [
      'setup-node restores a cache',
      (d) =>
        d.deleteIn([
          'jobs',
          'image',
          'steps',
          stepIndex(d, 'image', usesStep('actions/setup-node')),
          'with',
          'package-manager-cache',
        ]),
      'package-manager-cache: false',
    ],
  ])('fires when %s', (_, edit, expected) => {
    expect(messagesAfter(edit).join('\n')).toContain(expected);
  });
});
