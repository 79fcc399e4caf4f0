import { inline } from '../../test-support/fixtures';
import { noExpressionsInRun } from './no-expressions-in-run';

describe('noExpressionsInRun', () => {
  it('allows expressions in env, with and if, and shell variables in run', () => {
    const workflow = inline(
      [
        'on: push',
        'jobs:',
        '  a:',
        "    if: ${{ github.event_name == 'push' }}",
        '    steps:',
        '      - env:',
        '          REF: ${{ github.ref }}',
        '        run: echo "$REF ${REF} $GITHUB_SHA"',
      ].join('\n'),
    );
    expect(noExpressionsInRun(workflow)).toEqual([]);
  });

  it('reports every expression of a script, whatever its context', () => {
    const workflow = inline(
      'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          echo ${{ inputs.version }}\n          echo ${{secrets.TOKEN}}\n',
    );
    expect(noExpressionsInRun(workflow).map((f) => f.message)).toEqual([
      '"run:" contains ${{ inputs.version }}: pass it through "env:" (e.g. VALUE: ${{ inputs.version }}) and use "$VALUE"',
      '"run:" contains ${{ secrets.TOKEN }}: pass it through "env:" (e.g. VALUE: ${{ secrets.TOKEN }}) and use "$VALUE"',
    ]);
  });
});
