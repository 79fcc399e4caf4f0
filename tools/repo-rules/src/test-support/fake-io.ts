import type { CliIo } from '../cli/cli-io';

export interface FakeIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
}

export function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}, stdin = ''): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env,
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => stdin,
  };
}
