import { inline } from '../../test-support/fixtures';
import { actionRuntime } from './action-runtime';
import { ACTION_RUNTIMES } from './action-runtimes';

const SHA = 'a'.repeat(40);
const KNOWN = {
  [`octo/js@${SHA}`]: { version: 'v2.0.0', using: 'node24', source: 'test' },
  [`octo/old@${SHA}`]: { version: 'v1.4.0', using: 'node20', source: 'test' },
  [`octo/composite@${SHA}`]: { version: 'v1.0.0', using: 'composite', source: 'test' },
  [`octo/container@${SHA}`]: { version: 'v3.1.0', using: 'docker', source: 'test' },
};
const withStep = (uses: string) => inline(`on: push\njobs:\n  a:\n    steps:\n      - uses: ${uses}\n`);
const check = (uses: string) => actionRuntime(withStep(uses), KNOWN);

describe('actionRuntime', () => {
  it.each([
    [`octo/js@${SHA} # v2.0.0`],
    [`octo/js@${SHA} # v2.0.0 (2026-07-20)`],
    [`octo/composite@${SHA} # v1.0.0`],
    [`octo/container@${SHA} # v3.1.0`],
    ['./.github/actions/local'],
    [`docker://alpine@sha256:${'b'.repeat(64)}`],
    ['octo/js@v2'], // unpinned: pinned-actions' finding, not this rule's
    [`octo/unknown@${SHA}`], // no version comment: pinned-actions' finding
  ])('accepts %s', (uses) => {
    expect(check(uses)).toEqual([]);
  });

  it.each([
    [
      `octo/old@${SHA} # v1.4.0`,
      /\(v1\.4\.0\) runs on node20, which GitHub's runners no longer have: pin a release that runs on node24/,
    ],
    [
      `octo/unknown@${SHA} # v1.0.0`,
      /is not in tools\/workflow-rules\/src\/lib\/rules\/action-runtimes\.ts: add the runs\.using/,
    ],
    [`octo/js@${SHA} # v1.9.0`, /is v2\.0\.0 \(action-runtimes\.ts\), not what its comment says: "# v1\.9\.0"/],
  ])('refuses %s', (uses, message) => {
    const [f] = check(uses);
    expect(f).toMatchObject({ rule: 'action-runtime', path: 'jobs.a.steps[0]', line: 5 });
    expect(f.message).toMatch(message);
  });

  it('leaves reusable workflows, which have no runs.using, alone', () => {
    const workflow = inline(`on: push\njobs:\n  a:\n    uses: octo/shared/.github/workflows/ci.yml@${SHA} # v1.0.0\n`);
    expect(actionRuntime(workflow, KNOWN)).toEqual([]);
  });
});

describe('ACTION_RUNTIMES', () => {
  it.each(Object.entries(ACTION_RUNTIMES))('%s names its release, runtime and source', (key, runtime) => {
    expect(key).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
    expect(runtime.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(runtime.using).toMatch(/^(node\d+|composite|docker)$/);
    expect(runtime.source.length).toBeGreaterThan(10);
  });
});
