import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Runs a command to its end, keeping each output line with the real time it arrived. */
export async function runCollecting(command, args, options) {
  const startedAt = Date.now();
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const collect = (stream) => {
    let partial = '';
    stream.on('data', (chunk) => {
      const at = Date.now();
      const parts = (partial + chunk).split('\n');
      partial = parts.pop();
      for (const text of parts) lines.push({ at, text });
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exitCode = await new Promise((resolve) => child.on('close', resolve));
  return { exitCode, lines, startedAt, exitedAt: Date.now() };
}

/** Starts a long-running tool and resolves with what `pattern` captured from its stdout. */
export async function startPrinting(command, args, options, pattern) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  const match = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = pattern.exec(out);
      if (found) resolve(found);
    });
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`)));
  });
  return { child, match };
}

/** What a run wrote to $GITHUB_OUTPUT (`key=value` lines). */
export function readGithubOutput(path) {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
