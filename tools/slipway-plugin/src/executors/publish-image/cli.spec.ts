import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main, USAGE } from './cli';

const COMMIT = 'abcdef1234567890abcdef1234567890abcdef12';

describe('publish-image CLI', () => {
  let out: string[];
  let err: string[];
  const io = (env: NodeJS.ProcessEnv = {}) => ({
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    env,
  });

  beforeEach(() => {
    out = [];
    err = [];
  });

  it('prints the usage with the exit codes', async () => {
    await expect(main(['--help'], io())).resolves.toBe(0);
    expect(out).toEqual([USAGE]);
    expect(USAGE).toContain('3 immutable-tag conflict');
  });

  it('exits 2 on an unknown flag, with the usage', async () => {
    await expect(main(['--tag', 'x'], io())).resolves.toBe(2);
    expect(err[0]).toMatch(/^publish-image: invalid input \(exit 2\): Unknown option '--tag'/);
  });

  it('passes flags through, --plain-http included', async () => {
    await expect(
      main(
        [
          '--registry',
          'reg.internal:5000',
          '--repository',
          'a/b',
          '--promote',
          '--plain-http',
          '--commit',
          COMMIT,
          '--json',
        ],
        io(),
      ),
    ).resolves.toBe(4);
    expect(JSON.parse(out[0]).error.message).toContain('cannot reach the registry at http://reg.internal:5000/');
  });

  it('exits 2 for a short commit before reaching the registry, naming the fix', async () => {
    await expect(
      main(['--registry', '127.0.0.1:9', '--repository', 'a/b', '--promote', '--commit', 'abcdef1', '--json'], io()),
    ).resolves.toBe(2);
    expect(JSON.parse(out[0]).error.message).toMatch(
      /^commit SHA "abcdef1" has 7 characters: .*pass --commit "\$\(git rev-parse HEAD\)"/,
    );
  });

  it('exits with the code itself as a process (not collapsed to 1)', async () => {
    const bin = join(__dirname, 'cli.cjs');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [
          bin,
          '--registry',
          '127.0.0.1:9',
          '--repository',
          'a/b',
          '--image',
          'api',
          '--version',
          'latest',
          '--commit',
          COMMIT,
        ],
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
      child.stdin?.end();
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"latest" is a moving tag');
  }, 30_000);
});
