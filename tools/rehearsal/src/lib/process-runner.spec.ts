import { processRunner, tail } from './process-runner';

describe('processRunner', () => {
  const run = (script: string, echo: 'all' | 'stderr' | 'none', timeoutMs?: number) => {
    const shown: string[] = [];
    return processRunner((text) => shown.push(text))({
      command: 'sh',
      args: ['-c', script],
      cwd: process.cwd(),
      env: { PATH: process.env.PATH },
      echo,
      timeoutMs,
    }).then((result) => ({ result, shown: shown.join('') }));
  };

  it('captures both streams and echoes what was asked', async () => {
    expect(await run('echo out; echo err >&2; exit 3', 'all')).toEqual({
      result: { code: 3, stdout: 'out\n', stderr: 'err\n' },
      shown: expect.stringMatching(/out\n[\s\S]*err\n|err\n[\s\S]*out\n/),
    });
    expect((await run('echo out; echo err >&2', 'stderr')).shown).toBe('err\n');
    expect((await run('echo out; echo err >&2', 'none')).shown).toBe('');
  });

  it('reports a command that cannot run, and one that ran out of time', async () => {
    const missing = await processRunner(() => undefined)({
      command: 'no-such-command-here',
      args: [],
      cwd: process.cwd(),
      env: { PATH: '/nonexistent' },
      echo: 'none',
    });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('cannot run no-such-command-here');
    const slow = await run('exec sleep 5', 'none', 100);
    expect(slow.result.code).toBe(128);
    expect(slow.result.stderr).toContain('ended by SIGTERM (timeout)');
  });

  it('keeps the last lines for messages', () => {
    expect(tail('1\n2\n3\n\n', 2)).toBe('2\n3');
  });
});
