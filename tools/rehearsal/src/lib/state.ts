import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What the last successful rehearsal left: its commit is the next run's `nx affected` base. */
export interface RehearsalState {
  readonly head: string;
  readonly version: string;
  readonly at: string;
}

export interface StateStore {
  read(): Promise<RehearsalState | undefined>;
  write(state: RehearsalState): Promise<void>;
}

/** tmp/rehearsal/last-success.json in the workspace (git-ignored, like every tmp/ file). */
export function fileStateStore(root: string): StateStore {
  const path = join(root, 'tmp', 'rehearsal', 'last-success.json');
  return {
    async read() {
      try {
        const data = JSON.parse(await readFile(path, 'utf8')) as Partial<RehearsalState>;
        return typeof data.head === 'string' && typeof data.version === 'string'
          ? { head: data.head, version: data.version, at: String(data.at ?? '') }
          : undefined;
      } catch {
        return undefined;
      }
    },
    async write(state) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}
