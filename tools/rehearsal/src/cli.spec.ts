import { main } from './cli';
import { EXIT } from './lib/exit-codes';

describe('rehearse CLI', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { write: (text: string) => out.push(text), env: {}, root: '/nonexistent' } };
  };

  it('prints the usage with --help', async () => {
    const { out, io: cli } = io();
    expect(await main(['--help'], cli)).toBe(EXIT.ok);
    expect(out.join('')).toContain('usage: npm run rehearse');
  });

  it('refuses unknown flags with exit 2', async () => {
    const { out, io: cli } = io();
    expect(await main(['--nope'], cli)).toBe(EXIT.notRehearsable);
    expect(out.join('')).toMatch(/^rehearse: Unknown option '--nope'/);
  });

  it('runs the rehearsal with the real dependencies unless told otherwise', async () => {
    const { out, io: cli } = io();
    const said: string[] = [];
    const code = await main([], cli, {
      say: (line) => said.push(line),
      run: async () => ({ code: 128, stdout: '', stderr: 'fatal: not a git repository' }),
    });
    expect(code).toBe(EXIT.notRehearsable);
    expect(said.join('\n')).toContain('/nonexistent is not a git repository with a commit');
    expect(out).toEqual([]);
  });

  it('keeps an outer Nx task from leaking into the Nx runs it starts', async () => {
    const seen: NodeJS.ProcessEnv[] = [];
    const env = { NX_TASK_TARGET_PROJECT: 'rehearsal', NX_CLI_SET: 'true', NX_DAEMON: 'true', PATH: '/bin' };
    await main(
      [],
      { write: () => undefined, env, root: '/nonexistent' },
      {
        say: () => undefined,
        run: async (request) => {
          seen.push(request.env);
          return { code: 128, stdout: '', stderr: 'fatal: not a git repository' };
        },
      },
    );
    expect(seen[0]).toEqual({ NX_DAEMON: 'false', PATH: '/bin' });
  });
});
