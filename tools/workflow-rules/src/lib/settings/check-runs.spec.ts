import { inline } from '../../test-support/fixtures';
import { checkRunNames } from './check-runs';

describe('checkRunNames', () => {
  it('uses the job name, else its id', () => {
    expect(
      checkRunNames(inline('on: push\njobs:\n  a:\n    steps: []\n  b:\n    name: Build it\n    steps: []\n')),
    ).toEqual(['a', 'Build it']);
  });

  it('adds one check per matrix combination, values in parentheses', () => {
    const workflow = inline(
      'on: push\njobs:\n  codeql:\n    strategy:\n      matrix:\n        language: [js, actions]\n        os: [linux]\n        include: [{ language: go }]\n    steps: []\n',
    );
    expect(checkRunNames(workflow)).toEqual(['codeql (js, linux)', 'codeql (actions, linux)']);
  });

  it('renders a name that interpolates the matrix instead of appending values', () => {
    const workflow = inline(
      'on: push\njobs:\n  t:\n    name: test on ${{ matrix.node }}\n    strategy:\n      matrix:\n        node: [22, 24]\n    steps: []\n',
    );
    expect(checkRunNames(workflow)).toEqual(['test on 22', 'test on 24']);
  });

  it('treats a matrix without plain axes as one check', () => {
    const workflow = inline(
      'on: push\njobs:\n  t:\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n    steps: []\n',
    );
    expect(checkRunNames(workflow)).toEqual(['t']);
  });
});
