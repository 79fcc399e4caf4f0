import { PublishError, type PublishErrorKind } from '@slipway/image-registry';

/** Distinct exit codes of publish-image (the CLI exits with them; `nx run` collapses any failure to 1). */
export const EXIT_CODES = {
  ok: 0,
  unexpected: 1,
  'invalid-input': 2,
  'tag-conflict': 3,
  registry: 4,
  engine: 5,
} as const;

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
