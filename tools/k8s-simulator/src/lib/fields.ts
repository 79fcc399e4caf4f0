import { SelectorError } from './labels';

/** One term of a `fieldSelector`: `metadata.name=api`, `involvedObject.kind!=Pod`. */
interface FieldRequirement {
  readonly path: readonly string[];
  readonly equal: boolean;
  readonly value: string;
}

/** `metadata.name=api,involvedObject.uid=…` → requirements (terms in any order, as kubectl versions differ). */
export function parseFieldSelector(text: string): FieldRequirement[] {
  return text
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '')
    .map((term) => {
      const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!match) throw new SelectorError(`invalid field selector term: "${term}"`);
      return { path: match[1].split('.'), equal: match[2] !== '!=', value: match[3] };
    });
}

/** Fields compare as strings, a missing field as the empty string (as the API server's field sets do). */
export function matchesFields(requirements: readonly FieldRequirement[], object: unknown): boolean {
  return requirements.every(({ path, equal, value }) => {
    let node: unknown = object;
    for (const segment of path) node = (node as Record<string, unknown> | undefined)?.[segment];
    const actual = node === undefined || node === null ? '' : String(node);
    return (actual === value) === equal;
  });
}
