import { invalidParameter } from './aws-error';

/** Cuts `items` into pages the way AWS list calls do: an opaque `nextToken` and `maxResults`. */
export function page<T>(
  items: T[],
  maxResults: unknown,
  nextToken: unknown,
  defaultSize = 100,
): { items: T[]; nextToken?: string } {
  const size = typeof maxResults === 'number' ? maxResults : defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw invalidParameter('maxResults must be between 1 and 1000.');
  let start = 0;
  if (nextToken !== undefined && nextToken !== null) {
    start = Number(Buffer.from(String(nextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('The nextToken is not valid.');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}
