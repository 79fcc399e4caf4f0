/**
 * Every way publishing can fail, as a kind the CLI maps to its own exit code.
 * - invalid-input: bad flags, configuration or image metadata; nothing remote was touched.
 * - tag-conflict: a tag already names other bytes; tags never move, so nothing was changed.
 * - registry: the registry (or its auth) failed or answered something unexpected.
 * - engine: the local Docker engine failed.
 */
export type PublishErrorKind = 'invalid-input' | 'tag-conflict' | 'registry' | 'engine';

export class PublishError extends Error {
  override readonly name = 'PublishError';

  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const invalidInput = (message: string) => new PublishError('invalid-input', message);
export const registryFailure = (message: string, cause?: unknown) => new PublishError('registry', message, { cause });
export const engineFailure = (message: string, cause?: unknown) => new PublishError('engine', message, { cause });
