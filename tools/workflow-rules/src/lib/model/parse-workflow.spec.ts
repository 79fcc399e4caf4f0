import { parseWorkflow, WorkflowParseError } from './parse-workflow';
import { actionName, findJob, runScripts, stepsUsing } from './workflow';

describe('parseWorkflow', () => {
  it.each([
    ['on: push', { push: null }],
    ['on: [push, pull_request]', { push: null, pull_request: null }],
    ['on:\n  push:\n    branches: [main]', { push: { branches: ['main'] } }],
  ])('normalises %p to a map of triggers', (on, expected) => {
    expect(parseWorkflow(`${on}\njobs: {}\n`, 'w.yml').on).toEqual(expected);
  });

  it('keeps "on" a string key (YAML 1.2, not the 1.1 boolean)', () => {
    expect(Object.keys(parseWorkflow('on: push\njobs: {}\n', 'w.yml').keyLines)).toContain('on');
  });

  it('reads permissions in every shape GitHub accepts', () => {
    const parse = (p: string) => parseWorkflow(`on: push\npermissions: ${p}\njobs: {}\n`, 'w.yml').permissions;
    expect(parse('{}')).toEqual({});
    expect(parse('read-all')).toBe('read-all');
    expect(parse('write-all')).toBe('write-all');
    expect(parse('{ contents: read }')).toEqual({ contents: 'read' });
    expect(parse('nonsense')).toBe('write-all');
    expect(parseWorkflow('on: push\njobs: {}\n', 'w.yml').permissions).toBeUndefined();
  });

  it('reads jobs and steps with their lines, and the version comment of each uses', () => {
    const workflow = parseWorkflow(
      [
        'name: w',
        'on: push',
        'jobs:',
        '  a:',
        '    needs: b',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: echo one',
        '      - uses: actions/checkout@abc # v7.0.1',
        '  b:',
        '    needs: [c, d]',
        '    uses: ./.github/workflows/reusable.yml',
        '  c:',
        '    steps:',
        '      - uses: actions/setup-node@def   #v7.0.0',
      ].join('\n'),
      'w.yml',
    );
    const a = findJob(workflow, 'a')!;
    expect(workflow.name).toBe('w');
    expect(a.line).toBe(4);
    expect(a.needs).toEqual(['b']);
    expect(a.steps.map((s) => [s.index, s.line])).toEqual([
      [0, 8],
      [1, 9],
    ]);
    expect(a.steps[1].usesComment).toBe('v7.0.1');
    expect(a.steps[0].usesComment).toBeUndefined();
    expect(runScripts(a).map((s) => s.run)).toEqual(['echo one']);
    expect(stepsUsing(a, 'actions/checkout')).toHaveLength(1);
    expect(findJob(workflow, 'b')!.needs).toEqual(['c', 'd']);
    expect(findJob(workflow, 'b')!.uses).toBe('./.github/workflows/reusable.yml');
    expect(findJob(workflow, 'c')!.steps[0].usesComment).toBe('v7.0.0');
    expect(workflow.keyLines).toEqual({ name: 1, on: 2, jobs: 3 });
  });

  it('names the file and line of invalid YAML', () => {
    expect(() => parseWorkflow('on: push\njobs:\n  a: [unclosed\n', 'broken.yml')).toThrow(WorkflowParseError);
    expect(() => parseWorkflow('on: push\non: pull_request\n', 'dup.yml')).toThrow(/^dup\.yml:2: invalid YAML/);
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => parseWorkflow('- just\n- a list\n', 'list.yml')).toThrow(
      /list\.yml: a workflow must be a YAML mapping/,
    );
  });
});

describe('actionName', () => {
  it('drops the ref', () => {
    expect(actionName('actions/checkout@abc')).toBe('actions/checkout');
    expect(actionName('github/codeql-action/init@abc')).toBe('github/codeql-action/init');
    expect(actionName('./local')).toBe('./local');
    expect(actionName(undefined)).toBeUndefined();
  });
});

describe('run scripts', () => {
  it('records where each script starts and which shell runs it', () => {
    const workflow = parseWorkflow(
      [
        'on: push',
        'jobs:',
        '  a:',
        '    steps:',
        '      - run: echo inline',
        '      - shell: sh',
        '        run: |',
        '          echo block',
      ].join('\n'),
      'w.yml',
    );
    const [inlineStep, blockStep] = findJob(workflow, 'a')!.steps;
    expect([inlineStep.runLine, inlineStep.shell]).toEqual([5, undefined]);
    expect([blockStep.runLine, blockStep.shell]).toEqual([8, 'sh']);
  });
});
