import { OUTCOME_TABLE } from '@slipway/deploy-engine';
import { EXECUTOR_SCHEMAS, type ExecutorName } from '../../executors/schemas';
import { DEPLOY_EXIT_CODES, PUBLISH_EXIT_CODES, RUNNER_EXIT_CODE, STATUS_EXIT_CODES } from '../../lib/exit-code-text';
import { replaceRegion, wrap } from './regions';
import { schemaJson, schemaTypes } from './schema-files';

/** A file, or a region of one, that `npx nx sync` writes from the one source of what it says. */
export interface GeneratedFile {
  /** From the workspace root. */
  readonly path: string;
  /** The file as it should be, given what it is now (hand-written parts are kept). */
  readonly render: (current: string) => string;
  /** JSON and markdown are compared as prettier would print them, without running prettier. */
  readonly format: 'json' | 'markdown' | 'text';
}

const PLUGIN = 'tools/slipway-plugin';
const EXIT_CODES = 'exit-codes';

const schemaFiles = (name: ExecutorName): GeneratedFile[] => [
  {
    path: `${PLUGIN}/src/executors/${name}/schema.json`,
    render: () => schemaJson(EXECUTOR_SCHEMAS[name]),
    format: 'json',
  },
  {
    path: `${PLUGIN}/src/executors/${name}/schema.d.ts`,
    render: () => schemaTypes(EXECUTOR_SCHEMAS[name]),
    format: 'text',
  },
];

/** Markdown regions stand apart from the prose around them by a blank line, as prettier prints them. */
const region = (path: string, lines: readonly string[], format: GeneratedFile['format']): GeneratedFile => ({
  path,
  render: (current) => replaceRegion(current, EXIT_CODES, format === 'markdown' ? ['', ...lines, ''] : lines),
  format,
});

const outcomeRows = OUTCOME_TABLE.map(({ outcome, exitCode, means }) => `| ${exitCode} | \`${outcome}\` | ${means} |`);

export const GENERATED_FILES: readonly GeneratedFile[] = [
  ...(Object.keys(EXECUTOR_SCHEMAS) as ExecutorName[]).flatMap(schemaFiles),
  region('README.md', [`Exit codes of deploy and rollback: ${DEPLOY_EXIT_CODES}.`], 'markdown'),
  region('docs/deploy.md', ['| code | outcome | meaning |', '| --- | --- | --- |', ...outcomeRows], 'markdown'),
  region(
    `${PLUGIN}/README.md`,
    [
      '| executor | exit codes |',
      '| --- | --- |',
      `| \`deploy\`, \`rollback\` | ${DEPLOY_EXIT_CODES} |`,
      `| \`deploy-status\` | ${STATUS_EXIT_CODES} |`,
      `| \`publish-image\` | ${PUBLISH_EXIT_CODES} |`,
      `| \`bin/slipway.js\` itself | ${RUNNER_EXIT_CODE} |`,
    ],
    'markdown',
  ),
  region(
    `${PLUGIN}/bin/slipway.js`,
    [
      `deploy, rollback: ${DEPLOY_EXIT_CODES}.`,
      `deploy-status: ${STATUS_EXIT_CODES}.`,
      `publish-image: ${PUBLISH_EXIT_CODES}.`,
      `Any: ${RUNNER_EXIT_CODE}.`,
    ].flatMap((line) => wrap(line, 110, ' * ', ' *   ')),
    'text',
  ),
];
