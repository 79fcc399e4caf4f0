import { PassThrough } from 'node:stream';
import { createPreviewSandbox } from '../lib/preview-sandbox';
import { loadReleaseConfig, pluginOptions, withoutForgePlugins } from '../lib/release-config';
import { commitsSince, lastReleaseTag } from '../lib/release-history';
import { buildReleasePreview, formatReleasePreview } from '../lib/release-preview';
import { loadCommitAnalyzer, loadSemanticRelease } from '../lib/semantic-release-loader';
import type { CommitAnalyzer, SemanticRelease } from '../lib/semantic-release-types';
import { CliIo, EXIT } from './cli-io';

export const RELEASE_NEXT_USAGE = [
  'Usage: release-next [--json] [--verbose]',
  '  Prints the version the current commit would release on main, and the commits behind it.',
  '  Works offline with no token and changes nothing: semantic-release runs in dry-run mode',
  '  against a throwaway copy of the local repository.',
].join('\n');

/** Only what git and a shell need: no CI markers, no tokens, no GIT_DIR pointing elsewhere. */
const PASSED_ENV = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'SYSTEMROOT'];

export interface ReleaseNextDeps {
  readonly loadSemanticRelease: () => Promise<SemanticRelease>;
  readonly loadCommitAnalyzer: (pluginConfig: Record<string, unknown>, cwd: string) => Promise<CommitAnalyzer>;
}

const realDeps: ReleaseNextDeps = { loadSemanticRelease, loadCommitAnalyzer };

/** Exit 0 with a preview (release or not), 1 when the preview itself fails, 2 on a usage error. */
export async function releaseNextCli(
  argv: readonly string[],
  io: CliIo,
  deps: ReleaseNextDeps = realDeps,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RELEASE_NEXT_USAGE);
    return EXIT.ok;
  }
  const unknown = argv.filter((arg) => arg !== '--json' && arg !== '--verbose');
  if (unknown.length > 0) {
    io.stderr(`✖ unknown argument ${JSON.stringify(unknown[0])}\n${RELEASE_NEXT_USAGE}`);
    return EXIT.usage;
  }
  const log = new PassThrough();
  const logged: Buffer[] = [];
  log.on('data', (chunk: Buffer) => logged.push(chunk));
  let sandbox;
  try {
    sandbox = createPreviewSandbox(io.cwd);
    const config = loadReleaseConfig();
    const semanticRelease = await deps.loadSemanticRelease();
    const options = {
      ...config,
      plugins: withoutForgePlugins(config.plugins),
      dryRun: true,
      ci: false,
      repositoryUrl: sandbox.remoteUrl,
    };
    const env = Object.fromEntries(
      PASSED_ENV.flatMap((key) => (io.env[key] === undefined ? [] : [[key, io.env[key] as string]])),
    );
    const result = await semanticRelease(options, { cwd: sandbox.workDir, env, stdout: log, stderr: log });
    const lastTag = lastReleaseTag(sandbox.workDir);
    const analyze = await deps.loadCommitAnalyzer(
      pluginOptions(config.plugins, '@semantic-release/commit-analyzer') ?? {},
      sandbox.workDir,
    );
    const preview = await buildReleasePreview(
      result,
      {
        head: sandbox.head,
        branch: sandbox.branch,
        dirty: sandbox.dirty,
        lastReleaseTag: lastTag,
        commitsSinceLastRelease: commitsSince(lastTag, sandbox.workDir),
      },
      analyze,
    );
    if (argv.includes('--verbose')) io.stderr(Buffer.concat(logged).toString('utf8'));
    io.stdout(argv.includes('--json') ? JSON.stringify(preview, null, 2) : formatReleasePreview(preview));
    return EXIT.ok;
  } catch (error) {
    io.stderr(Buffer.concat(logged).toString('utf8'));
    io.stderr(`✖ release preview failed: ${(error as Error).message}`);
    return EXIT.refused;
  } finally {
    sandbox?.dispose();
  }
}
