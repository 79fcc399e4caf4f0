import { spawn } from 'node:child_process';

export interface RunRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** What to show while it runs: everything (a long step the reader watches), stderr only (progress of a --json command), or nothing. */
  readonly echo: 'all' | 'stderr' | 'none';
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; never rejects for a non-zero exit (that is the caller's to judge). */
export type Runner = (request: RunRequest) => Promise<RunResult>;

/** The real runner: output is captured and, as asked, echoed to `write` line by line. */
export function processRunner(write: (text: string) => void): Runner {
  return (request) =>
    new Promise((resolve) => {
      const child = spawn(request.command, [...request.args], {
        cwd: request.cwd,
        env: request.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        out.push(chunk);
        if (request.echo === 'all') write(chunk.toString('utf8'));
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err.push(chunk);
        if (request.echo !== 'none') write(chunk.toString('utf8'));
      });
      const timer = request.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), request.timeoutMs) : undefined;
      let spawnError = '';
      child.on('error', (error) => (spawnError = `cannot run ${request.command}: ${error.message}\n`));
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        const stderr =
          spawnError +
          Buffer.concat(err).toString('utf8') +
          (signal ? `\n${request.command} ended by ${signal}${timer ? ' (timeout)' : ''}\n` : '');
        resolve({ code: spawnError ? 127 : (code ?? 128), stdout: Buffer.concat(out).toString('utf8'), stderr });
      });
    });
}

/** The last lines of a command's output, for an error message. */
export function tail(text: string, lines = 12): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
