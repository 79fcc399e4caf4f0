/** One requirement of a label selector, as the API's `labelSelector` query parameter writes them. */
interface Requirement {
  readonly key: string;
  readonly op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'absent';
  readonly values: readonly string[];
}

export class SelectorError extends Error {}

/** `app=api,tier in (web,api),!legacy` → requirements. */
export function parseSelector(text: string): Requirement[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(parseRequirement);
}

function parseRequirement(part: string): Requirement {
  const set = part.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/);
  if (set)
    return {
      key: set[1],
      op: set[2] as 'in' | 'notin',
      values: set[3]
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    };
  const pair = part.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/);
  if (pair) return { key: pair[1], op: pair[2] === '!=' ? 'neq' : 'eq', values: [pair[3]] };
  if (/^![\w./-]+$/.test(part)) return { key: part.slice(1), op: 'absent', values: [] };
  if (/^[\w./-]+$/.test(part)) return { key: part, op: 'exists', values: [] };
  throw new SelectorError(`unable to parse requirement: "${part}"`);
}

export function matches(requirements: readonly Requirement[], labels: Readonly<Record<string, string>> = {}): boolean {
  return requirements.every(({ key, op, values }) => {
    const value = labels[key];
    switch (op) {
      case 'eq':
        return value === values[0];
      case 'neq':
        return value !== values[0];
      case 'in':
        return value !== undefined && values.includes(value);
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'absent':
        return value === undefined;
    }
  });
}

/** `matchLabels` (the only selector form the simulator's objects use) as requirements. */
export function matchLabelsRequirements(matchLabels: Readonly<Record<string, string>> = {}): Requirement[] {
  return Object.entries(matchLabels).map(([key, value]) => ({ key, op: 'eq' as const, values: [value] }));
}
