import type { Document } from 'yaml';
import { deleteStep, mutated, realWorkflow, runStep, stepIndex, usesStep } from '../../test-support/real-workflows';
import { ciContract } from './ci-contract';

const messagesAfter = (edit: (doc: Document) => void) => ciContract(mutated('ci.yml', edit)).map((f) => f.message);

describe('ci.yml contract', () => {
  it('holds for the real ci.yml', () => {
    expect(ciContract(realWorkflow('ci.yml'))).toEqual([]);
  });

  it.each<[string, (doc: Document) => void, string]>([
    [
      'pull requests into another branch',
      (d) => d.setIn(['on', 'pull_request', 'branches'], ['develop']),
      'runs on pull requests into main',
    ],
    [
      'no push to feature/**',
      (d) => d.setIn(['on', 'push', 'branches'], ['main', 'bugfix/**']),
      'runs on pushes to feature/**',
    ],
    [
      'no push to main',
      (d) => d.setIn(['on', 'push', 'branches'], ['feature/**', 'bugfix/**']),
      'runs on pushes to main',
    ],
    ['no branch-name job', (d) => d.deleteIn(['jobs', 'branch-name']), 'no job runs "npm run check:branch"'],
    [
      'branch check on every event',
      (d) => d.deleteIn(['jobs', 'branch-name', 'if']),
      'the branch-name check runs only on pull requests',
    ],
    [
      'commitlint without a range',
      (d) =>
        d.setIn(
          ['jobs', 'commitlint', 'steps', stepIndex(d, 'commitlint', runStep(/commitlint/)), 'run'],
          'npm run commitlint:range',
        ),
      'no job runs "npm run commitlint:range',
    ],
    [
      'commitlint on a shallow clone',
      (d) => d.deleteIn(['jobs', 'commitlint', 'steps', 0, 'with', 'fetch-depth']),
      'commitlint needs the full history',
    ],
    ['commitlint on pushes', (d) => d.deleteIn(['jobs', 'commitlint', 'if']), 'commitlint runs only on pull requests'],
    ['no nx affected', (d) => d.deleteIn(['jobs', 'affected']), 'no job runs "nx affected -t lint test build"'],
    [
      'no nx-set-shas',
      (d) => deleteStep(d, 'affected', usesStep('nrwl/nx-set-shas')),
      'nrwl/nx-set-shas sets NX_BASE/NX_HEAD',
    ],
    [
      'affected on a shallow clone',
      (d) => d.deleteIn(['jobs', 'affected', 'steps', 0, 'with', 'fetch-depth']),
      'nx-set-shas needs the full history',
    ],
    ['no actions: read', (d) => d.deleteIn(['jobs', 'affected', 'permissions', 'actions']), 'grant "actions: read"'],
    [
      'no container environment',
      (d) => deleteStep(d, 'affected', runStep(/container-env/)),
      'run "tools/ci/container-env.sh start" before "nx affected"',
    ],
    ['no audit', (d) => d.deleteIn(['jobs', 'audit']), 'no job runs "npm run audit:prod"'],
    ['no CodeQL', (d) => d.deleteIn(['jobs', 'codeql']), 'no job runs CodeQL'],
    [
      'CodeQL without analyze',
      (d) => deleteStep(d, 'codeql', usesStep('github/codeql-action/analyze')),
      'CodeQL needs github/codeql-action/analyze',
    ],
    [
      'CodeQL skips actions',
      (d) => d.setIn(['jobs', 'codeql', 'strategy', 'matrix', 'language'], ['javascript-typescript']),
      'CodeQL analyses actions',
    ],
    [
      'CodeQL languages inline',
      (d) =>
        d.setIn(
          [
            'jobs',
            'codeql',
            'steps',
            stepIndex(d, 'codeql', usesStep('github/codeql-action/init')),
            'with',
            'languages',
          ],
          'actions',
        ),
      'CodeQL analyses javascript-typescript',
    ],
    [
      'no dependency review',
      (d) => d.deleteIn(['jobs', 'dependency-review']),
      'no job uses actions/dependency-review-action',
    ],
    [
      'dependency review on pushes',
      (d) => d.deleteIn(['jobs', 'dependency-review', 'if']),
      'dependency review runs only on pull requests',
    ],
    ['no secret scan', (d) => d.deleteIn(['jobs', 'secret-scan']), 'no job scans for secrets'],
    [
      'secret scan on a shallow clone',
      (d) => d.deleteIn(['jobs', 'secret-scan', 'steps', 0, 'with', 'fetch-depth']),
      'the secret scan reads history',
    ],
    ['no workflow lint', (d) => d.deleteIn(['jobs', 'workflow-lint']), 'no job runs "npm run lint:workflows"'],
  ])('fires when %s', (_, edit, expected) => {
    expect(messagesAfter(edit).join('\n')).toContain(expected);
  });
});
