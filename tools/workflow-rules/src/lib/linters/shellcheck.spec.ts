import { inline } from '../../test-support/fixtures';
import { type CommandResult, type CommandRunner, runCommand, shellcheckWorkflows } from './shellcheck';

const VERSION_OUTPUT = 'ShellCheck - shell script analysis tool\nversion: 0.9.0\nlicense: GPLv3\n';
const workflow = inline(
  [
    'on: push',
    'jobs:',
    '  a:',
    '    steps:',
    '      - run: echo ok',
    '      - run: |',
    '          cd $DIR',
    '          echo "${{ github.sha }}"',
    '      - shell: pwsh',
    '        run: Write-Host hi',
    '      - uses: actions/checkout@abc',
  ].join('\n'),
);

/** A scripted shellcheck: answers --version, then one JSON reply per script it is fed. */
function fakeShellcheck(replies: CommandResult[]): { run: CommandRunner; inputs: (string | undefined)[] } {
  const inputs: (string | undefined)[] = [];
  const run: CommandRunner = (_command, args, input) => {
    if (args.includes('--version')) return { status: 0, stdout: VERSION_OUTPUT, stderr: '' };
    inputs.push(input);
    return replies.shift() ?? { status: 0, stdout: '{"comments":[]}', stderr: '' };
  };
  return { run, inputs };
}

describe('shellcheckWorkflows', () => {
  it('says why it did not run when shellcheck is missing', () => {
    const missing: CommandRunner = () => ({
      status: null,
      stdout: '',
      stderr: '',
      error: new Error('spawnSync shellcheck ENOENT'),
    });
    expect(shellcheckWorkflows([workflow], missing)).toEqual({
      available: false,
      reason: 'shellcheck is not installed (spawnSync shellcheck ENOENT)',
    });
  });

  it('feeds each bash script, expressions blanked, and maps findings to workflow lines', () => {
    const comment = {
      line: 1,
      column: 4,
      level: 'info',
      code: 2086,
      message: 'Double quote to prevent globbing and word splitting.',
    };
    const { run, inputs } = fakeShellcheck([
      { status: 0, stdout: '{"comments":[]}', stderr: '' },
      { status: 1, stdout: JSON.stringify({ comments: [comment] }), stderr: '' },
    ]);
    const outcome = shellcheckWorkflows([workflow], run);
    expect(inputs).toEqual(['echo ok', `cd $DIR\necho "${'_'.repeat('${{ github.sha }}'.length)}"\n`]);
    expect(outcome).toEqual({
      available: true,
      version: '0.9.0',
      findings: [
        {
          rule: 'shellcheck:SC2086',
          file: 'inline.yml',
          line: 7,
          path: 'jobs.a.steps[1]',
          message: 'info: Double quote to prevent globbing and word splitting.',
        },
      ],
    });
  });

  it('fails loudly when shellcheck itself errors', () => {
    const { run } = fakeShellcheck([{ status: 3, stdout: '', stderr: 'bad option' }]);
    expect(() => shellcheckWorkflows([workflow], run)).toThrow(
      'shellcheck failed on inline.yml jobs.a.steps[0]: bad option',
    );
  });

  it('runs the real shellcheck when the machine has it, and says so when it does not', () => {
    const outcome = shellcheckWorkflows(
      [inline('on: push\njobs:\n  a:\n    steps:\n      - run: cd $DIR\n')],
      runCommand,
    );
    if (outcome.available) {
      expect(outcome.findings.map((f) => f.rule)).toContain('shellcheck:SC2086');
    } else {
      // CI (ci.yml) sets SLIPWAY_REQUIRE_SHELLCHECK: there, a missing shellcheck fails this test.
      expect(process.env['SLIPWAY_REQUIRE_SHELLCHECK']).not.toBe('true');
      expect(outcome.reason).toMatch(/^shellcheck is not installed/);
      console.info(`shellcheck is not installed here, so the real-binary path was not exercised: ${outcome.reason}`);
    }
  });
});
