import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseNextCommand } from './commands';
import { EXIT, RehearsalError } from './exit-codes';
import type { Runner } from './process-runner';
import { tail } from './process-runner';
import type { ReleasePreview } from './version-plan';

export interface PreviewInput {
  readonly root: string;
  readonly node: string;
  readonly env: NodeJS.ProcessEnv;
  readonly run: Runner;
  /** Releases made by earlier rehearsals: tag → commit. */
  readonly rehearsed: ReadonlyMap<string, string>;
}

/**
 * `npm run release:next -- --json` as if the earlier rehearsed releases had been real: it runs in a
 * throwaway clone (shared objects, no checkout) where those releases are git tags. The developer's
 * repository gets no tag. A tag that exists for real wins over a rehearsed one of the same name.
 */
export async function previewRelease(input: PreviewInput): Promise<{ preview: ReleasePreview; tagged: string[] }> {
  const { root, env, run } = input;
  const dir = await mkdtemp(join(tmpdir(), 'slipway-rehearsal-'));
  const repo = join(dir, 'repo');
  const git = (args: string[], cwd = repo) => run({ command: 'git', args, cwd, env, echo: 'none' });
  try {
    const cloned = await git(['clone', '--quiet', '--shared', '--no-checkout', root, repo], dir);
    if (cloned.code !== 0)
      throw new RehearsalError(
        EXIT.versionFailed,
        `cannot clone ${root} for the release preview:\n${tail(cloned.stderr)}`,
      );
    const tagged: string[] = [];
    for (const [tag, commit] of input.rehearsed) {
      const exists = (await git(['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`])).code === 0;
      const known = (await git(['cat-file', '-e', `${commit}^{commit}`])).code === 0;
      if (exists || !known) continue;
      if ((await git(['tag', tag, commit])).code === 0) tagged.push(tag);
    }
    const { command, args } = releaseNextCommand(root, input.node);
    const result = await run({ command, args, cwd: repo, env, echo: 'none', timeoutMs: 120_000 });
    if (result.code !== 0)
      throw new RehearsalError(
        EXIT.versionFailed,
        `the release preview (release:next) failed (exit ${result.code}):\n${tail(result.stderr || result.stdout)}`,
      );
    try {
      return { preview: JSON.parse(result.stdout) as ReleasePreview, tagged };
    } catch {
      throw new RehearsalError(EXIT.versionFailed, `the release preview printed no JSON:\n${tail(result.stdout)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
