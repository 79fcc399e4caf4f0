import { runCommand } from './run-command';

describe('runCommand', () => {
  it('reports output and a non-zero exit code without throwing', async () => {
    await expect(runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'])).resolves.toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    await expect(runCommand('sh', ['-c', 'echo "$X"'], { env: { X: 'given' } })).resolves.toMatchObject({
      code: 0,
      stdout: 'given\n',
    });
  });

  it('throws when the command cannot run or times out', async () => {
    await expect(runCommand('/nonexistent/cmd', [])).rejects.toThrow(/\/nonexistent\/cmd: spawn .* ENOENT/);
    await expect(runCommand('sleep', ['5'], { timeoutMs: 50 })).rejects.toThrow('sleep 5: killed (timeout)');
  });
});
