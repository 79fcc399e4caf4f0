import { execFile } from 'node:child_process';

/** Which commits `--affected` compares: build.yml passes what nrwl/nx-set-shas found. */
export interface AffectedRange {
  readonly base: string;
  readonly head: string;
}

/** Asks the workspace's project graph which projects have a target: `nx show projects --withTarget <t> --json`. */
export type ProjectsWithTarget = (target: string, affected?: AffectedRange) => Promise<string[]>;

export class NxError extends Error {
  override readonly name = 'NxError';
}

/** The real `nx` of the workspace at `cwd`, without the daemon (one-shot, as in CI). */
export function nxProjectsWithTarget(cwd: string, env: NodeJS.ProcessEnv): ProjectsWithTarget {
  return (target, affected) => {
    const args = ['show', 'projects', '--withTarget', target, '--json'];
    if (affected) args.push('--affected', `--base=${affected.base}`, `--head=${affected.head}`);
    const nx = require.resolve('nx/bin/nx', { paths: [cwd] });
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [nx, ...args],
        { cwd, env: childEnv(env), maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
        (error, stdout, stderr) => {
          if (error) return reject(new NxError(`nx ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
          try {
            resolve((JSON.parse(stdout) as string[]).sort());
          } catch {
            reject(new NxError(`nx ${args.join(' ')} printed no JSON list: ${stdout.slice(0, 200)}`));
          }
        },
      );
    });
  };
}

/** No daemon; none of the variables an outer Nx task sets (they describe that task, not this run). */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('NX_TASK_') && key !== 'NX_CLI_SET')),
    NX_DAEMON: 'false',
  };
}
