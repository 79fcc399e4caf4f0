import { parseArgs } from 'node:util';
import { EXIT, RehearsalError } from './exit-codes';

export interface RehearsalOptions {
  /** The services to rehearse; empty: every app with a deploy config (apps/<name>/deploy.json). */
  readonly apps: readonly string[];
  readonly environment: string;
  /** Base commit for `nx affected` and the image plan; default: the last successful rehearsal (none: every project). */
  readonly base?: string;
  readonly skipChecks: boolean;
  /** The registry every service publishes to and pulls from. */
  readonly registry?: string;
  /** Overrides of one service's environment (only with a single --app). */
  readonly repository?: string;
  readonly container?: string;
  readonly port?: string;
  readonly help: boolean;
}

export const USAGE = `usage: npm run rehearse [-- options]
Runs on this machine what the ci, build and deploy workflows run, for every service: affected
lint/test/build/typecheck, the next version (semantic-release dry run), each service image built once and
published to the local registry (sha-<commit> and vX.Y.Z), a deploy of that version of every service to its
own port in the "local" environment, and a /version check of each.
  --base <commit>        nx affected base (default: the last successful rehearsal; none yet: every project)
  --skip-checks          skip lint/test/build/typecheck (says so in the summary)
  --app <name>           rehearse only this service (repeatable; default: every app with a deploy.json)
  --environment <name>   environment of apps/<app>/deploy.json to deploy to (default local)
  --registry <host:port> the registry every service publishes to and deploys from
  --repository <name> --container <name> --port <n>   override the environment of the one --app
Exit codes: 0 rehearsed, 2 not rehearsable (uncommitted changes, no version, bad flags), 3 no Docker engine,
4 checks failed, 5 version preview failed, 6 image build/publish failed, 7 deploy failed, 8 /version mismatch.`;

export function parseOptions(argv: readonly string[]): RehearsalOptions {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        'skip-checks': { type: 'boolean' },
        app: { type: 'string', multiple: true },
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
  const apps = [...new Set((values['app'] as string[] | undefined) ?? [])];
  const single = ['repository', 'container', 'port'].filter((key) => text(key) !== undefined);
  if (single.length > 0 && apps.length !== 1)
    throw new RehearsalError(
      EXIT.notRehearsable,
      `--${single[0]} overrides one service's environment: name that service with --app (services get their own ports and containers from their deploy.json)`,
    );
  return {
    apps,
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
