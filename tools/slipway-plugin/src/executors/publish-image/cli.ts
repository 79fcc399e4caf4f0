import { parseArgs } from 'node:util';
import { EXIT_CODES } from './exit-codes';
import { gitHead, resolveOptions } from './options';
import { runPublishImage, type RunIo } from './run';
import type { PublishImageExecutorSchema } from './schema';

export const USAGE = `usage: publish-image [--image <ref>] [--registry <host[:port]>] [--repository <name>]
                     [--commit <sha>] [--version vX.Y.Z] [--promote] [--auth auto|docker|ecr|none]
                     [--plain-http] [--json]
Pushes <image> as sha-<commit>, and with --version also as vX.Y.Z on the same digest; never moves a tag.
<sha> is the full 40-character commit SHA: --commit "$(git rev-parse HEAD)".
Environment: IMAGE_REGISTRY / ECR_REGISTRY, IMAGE_REPOSITORY / ECR_REPOSITORY, GITHUB_SHA, GITHUB_OUTPUT.
Exit codes: 0 published or already there, 2 invalid input, 3 immutable-tag conflict,
            4 registry or auth failure, 5 Docker engine failure, 1 unexpected.`;

/** The same publish as `nx run api:publish-image`, with its exit code intact. */
export async function main(argv: string[], io: RunIo, cwd = process.cwd()): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        image: { type: 'string' },
        registry: { type: 'string' },
        repository: { type: 'string' },
        commit: { type: 'string' },
        version: { type: 'string' },
        promote: { type: 'boolean' },
        auth: { type: 'string' },
        'plain-http': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.stderr(
      `publish-image: invalid input (exit ${EXIT_CODES['invalid-input']}): ${(error as Error).message}\n${USAGE}`,
    );
    return EXIT_CODES['invalid-input'];
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_CODES.ok;
  }
  const text = (key: string) => values[key] as string | undefined;
  const given: PublishImageExecutorSchema = {
    image: text('image'),
    registry: text('registry'),
    repository: text('repository'),
    commit: text('commit'),
    version: text('version'),
    promote: values.promote === true,
    auth: text('auth') as PublishImageExecutorSchema['auth'],
    plainHttp: values['plain-http'] === true,
    json: values.json === true,
  };
  return runPublishImage(resolveOptions({ given, env: io.env, gitHead: () => gitHead(cwd) }), io);
}
