import { PublishError, type PublishErrorKind } from '@slipway/image-registry';

/**
 * Distinct exit codes of publish-image (the runner exits with them; `nx run` collapses any failure to 1),
 * each with what it means: the one source, from which the schema description and docs are generated.
 */
const CODES = {
  ok: { code: 0, means: 'published or already there' },
  'invalid-input': { code: 2, means: 'invalid input' },
  'tag-conflict': { code: 3, means: 'immutable-tag conflict' },
  registry: { code: 4, means: 'registry or auth failure' },
  engine: { code: 5, means: 'Docker engine failure' },
  unexpected: { code: 1, means: 'unexpected error' },
} as const;

type Kind = keyof typeof CODES;

export const EXIT_CODES = Object.fromEntries(Object.entries(CODES).map(([kind, { code }]) => [kind, code])) as {
  readonly [K in Kind]: (typeof CODES)[K]['code'];
};

/** What each exit code means, in one line, in the order the docs list them. */
export const PUBLISH_EXIT_CODE_TABLE: ReadonlyArray<readonly [number, string]> = Object.values(CODES).map(
  ({ code, means }) => [code, means],
);

const TITLES: Record<PublishErrorKind, string> = {
  'invalid-input': 'invalid input',
  'tag-conflict': 'refused, immutable tag',
  registry: 'registry or auth failure',
  engine: 'Docker engine failure',
};

export function exitCodeFor(error: unknown): number {
  return error instanceof PublishError ? EXIT_CODES[error.kind] : EXIT_CODES.unexpected;
}

export function titleFor(error: unknown): string {
  return error instanceof PublishError ? TITLES[error.kind] : 'unexpected error';
}
