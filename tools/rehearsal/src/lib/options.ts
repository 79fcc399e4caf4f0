import { parseArgs } from 'node:util';
import { EXIT, RehearsalError } from './exit-codes';

export interface RehearsalOptions {
  readonly app: string;
  readonly environment: string;
  /** Base commit for `nx affected`; default: the commit of the last successful rehearsal (none: every project). */
  readonly base?: string;
  readonly skipChecks: boolean;
  /** Overrides of the environment's settings in apps/<app>/deploy.json. */
  readonly registry?: string;
  readonly repository?: string;
  readonly container?: string;
  readonly port?: string;
  readonly help: boolean;
}

export const USAGE = `usage: npm run rehearse [-- options]
Runs on this machine what the ci, build and deploy workflows run: affected lint/test/build/typecheck,
the next version (semantic-release dry run), the image built once and published to the local registry
(sha-<commit> and vX.Y.Z), a deploy of that version to the "local" environment, and a /version check.
  --base <commit>        nx affected base (default: the last successful rehearsal; none yet: every project)
  --skip-checks          skip lint/test/build/typecheck (says so in the summary)
  --app <name>           app to rehearse (default api)
  --environment <name>   environment of apps/<app>/deploy.json to deploy to (default local)
  --registry <host:port> --repository <name> --container <name> --port <n>   override that environment
Exit codes: 0 rehearsed, 2 not rehearsable (uncommitted changes, no version, bad flags), 3 no Docker engine,
4 checks failed, 5 version preview failed, 6 image build/publish failed, 7 deploy failed, 8 /version mismatch.`;

export function parseOptions(argv: readonly string[]): RehearsalOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        'skip-checks': { type: 'boolean' },
        app: { type: 'string' },
        environment: { type: 'string' },
        registry: { type: 'string' },
        repository: { type: 'string' },
        container: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new RehearsalError(EXIT.notRehearsable, `${(error as Error).message}\n${USAGE}`);
  }
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const port = text('port');
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new RehearsalError(EXIT.notRehearsable, `--port ${JSON.stringify(port)} is not a TCP port`);
  return {
    app: text('app') ?? 'api',
    environment: text('environment') ?? 'local',
    base: text('base'),
    skipChecks: values['skip-checks'] === true,
    registry: text('registry'),
    repository: text('repository'),
    container: text('container'),
    port,
    help: values['help'] === true,
  };
}
