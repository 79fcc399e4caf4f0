import type { ChildProcess } from 'node:child_process';

/**
 * Signals every process of the group `child` leads (spawned with `detached: true`), so what it
 * started goes with it. Nothing to do when the group is gone.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
