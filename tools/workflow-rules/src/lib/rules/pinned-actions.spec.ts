import { inline } from '../../test-support/fixtures';
import { pinnedActions } from './pinned-actions';

const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1';
const withStep = (uses: string) => inline(`on: push\njobs:\n  a:\n    steps:\n      - uses: ${uses}\n`);

describe('pinnedActions', () => {
  it.each([
    [`actions/checkout@${SHA} # v7.0.1`],
    [`actions/checkout@${SHA} # v7.0.1 (2026-07-20)`],
    ['./.github/actions/local'],
    [`docker://alpine@sha256:${'a'.repeat(64)}`],
  ])('accepts %s', (uses) => {
    expect(pinnedActions(withStep(uses))).toEqual([]);
  });

  it.each([
    ['actions/checkout@v7', /not pinned to a full commit SHA/],
    ['actions/checkout@main', /not pinned to a full commit SHA/],
    [`actions/checkout@${SHA.slice(0, 7)} # v7.0.1`, /not pinned to a full commit SHA/],
    [`actions/checkout@${SHA}`, /has no version comment/],
    [`actions/checkout@${SHA} # v7`, /has no version comment/],
    [`actions/checkout@${SHA} # pinned`, /has no version comment/],
    ['docker://alpine:3.20', /use docker:\/\/<image>@sha256/],
  ])('refuses %s', (uses, message) => {
    const [f] = pinnedActions(withStep(uses));
    expect(f.message).toMatch(message);
    expect(f.path).toBe('jobs.a.steps[0]');
    expect(f.line).toBe(5);
  });

  it('checks reusable workflows called by a job', () => {
    const workflow = inline(
      `on: push\njobs:\n  a:\n    uses: org/repo/.github/workflows/x.yml@${SHA} # v1.0.0\n  b:\n    uses: org/repo/.github/workflows/x.yml@v1\n`,
    );
    expect(pinnedActions(workflow).map((f) => f.path)).toEqual(['jobs.b']);
  });
});
