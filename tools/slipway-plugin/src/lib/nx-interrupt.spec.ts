import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nxSilencesOutputOnInterrupt, writeToTerminal } from './nx-interrupt';

describe('the interrupted summary under nx run (a known workaround)', () => {
  it('is still needed: Nx 23 replaces its own output with no-ops on SIGINT (drop the workaround when this fails)', () => {
    const orchestrator = readFileSync(require.resolve('nx/src/tasks-runner/task-orchestrator'), 'utf8');
    expect(orchestrator).toMatch(
      /signal === 'SIGINT' && !this\.tuiEnabled\)[\s\S]{0,600}process\.stdout\.write = noop;\s+process\.stderr\.write = noop;/,
    );
  });

  it.each([
    ['under nx run with piped output', { NX_TASK_TARGET_PROJECT: 'api' }, false, true],
    ['under interactive nx run (stdout is the pseudo terminal)', { NX_TASK_TARGET_PROJECT: 'api' }, true, false],
    ['outside nx run', {}, false, false],
  ])('is applied only %s', (_case, env, stdoutIsTerminal, silenced) => {
    expect(nxSilencesOutputOnInterrupt(env, stdoutIsTerminal)).toBe(silenced);
  });

  it('writes to the terminal when there is one, silently not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-tty-'));
    try {
      writeToTerminal('hello\n', join(dir, 'tty'));
      expect(readFileSync(join(dir, 'tty'), 'utf8')).toBe('hello\n');
      expect(() => writeToTerminal('x', '/nonexistent/dir/tty')).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
