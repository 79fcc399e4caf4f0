/**
 * Branch names: `feature/<short-desc>` or `bugfix/<short-desc>`, where <short-desc> is
 * lower-case kebab-case. `main` and bot branches pass untouched because people don't name them.
 */
export const MAX_DESCRIPTION_LENGTH = 50;

export const BRANCH_RULE =
  'Branch names are feature/<short-desc> or bugfix/<short-desc>, where <short-desc> is lower-case ' +
  `kebab-case (a-z, 0-9, single hyphens, at most ${MAX_DESCRIPTION_LENGTH} characters), ` +
  'e.g. feature/add-health-check or bugfix/fix-rollback-timeout.';

export const WORK_PREFIXES = ['feature', 'bugfix'] as const;
export const PROTECTED_BRANCHES = ['main'] as const;
export const BOT_PREFIXES = ['dependabot/', 'renovate/'] as const;

export type BranchKind = 'work' | 'protected' | 'bot';

export type BranchCheck =
  | { readonly valid: true; readonly kind: BranchKind }
  | { readonly valid: false; readonly problem: string; readonly suggestion?: string };

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkBranchName(name: string): BranchCheck {
  if ((PROTECTED_BRANCHES as readonly string[]).includes(name)) {
    return { valid: true, kind: 'protected' };
  }
  if (BOT_PREFIXES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length)) {
    return { valid: true, kind: 'bot' };
  }
  const problem = describeProblem(name);
  if (problem === undefined) {
    return { valid: true, kind: 'work' };
  }
  const suggestion = suggestBranchName(name);
  return suggestion === undefined || suggestion === name
    ? { valid: false, problem }
    : { valid: false, problem, suggestion };
}

function describeProblem(name: string): string | undefined {
  const slash = name.indexOf('/');
  const prefix = slash === -1 ? '' : name.slice(0, slash);
  const description = slash === -1 ? name : name.slice(slash + 1);
  if (!(WORK_PREFIXES as readonly string[]).includes(prefix)) {
    return slash === -1 ? 'it has no feature/ or bugfix/ prefix' : `its prefix "${prefix}/" is not feature/ or bugfix/`;
  }
  if (description.length === 0) {
    return `it has no description after "${prefix}/"`;
  }
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    return `its description has ${description.length} characters (at most ${MAX_DESCRIPTION_LENGTH})`;
  }
  if (!KEBAB.test(description)) {
    return `its description "${description}" is not lower-case kebab-case`;
  }
  return undefined;
}

const PREFIX_ALIASES: Record<string, (typeof WORK_PREFIXES)[number]> = {
  feature: 'feature',
  features: 'feature',
  feat: 'feature',
  bugfix: 'bugfix',
  bug: 'bugfix',
  fix: 'bugfix',
  hotfix: 'bugfix',
};

/** A compliant name close to the given one, or undefined when the intent can't be guessed. */
export function suggestBranchName(name: string): string | undefined {
  const slash = name.indexOf('/');
  // Without a slash, a leading "fix_"/"feat-" word still tells the intent: Fix_Login → bugfix/login.
  const [head, rest] = slash === -1 ? splitFirstWord(name) : [name.slice(0, slash), name.slice(slash + 1)];
  const prefix = PREFIX_ALIASES[head.toLowerCase()];
  const description = toKebab(rest).slice(0, MAX_DESCRIPTION_LENGTH).replace(/-+$/, '');
  if (prefix === undefined || description.length === 0) {
    return undefined;
  }
  return `${prefix}/${description}`;
}

function splitFirstWord(name: string): [string, string] {
  const match = /^([A-Za-z]+)[-_.\s]+(.+)$/.exec(name);
  return match ? [match[1] as string, match[2] as string] : [name, ''];
}

function toKebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The message a hook or CI job prints for a refused branch name. */
export function formatBranchRefusal(name: string, check: Extract<BranchCheck, { valid: false }>): string {
  const lines = [`Branch name "${name}" is refused: ${check.problem}.`, BRANCH_RULE];
  if (check.suggestion !== undefined) {
    lines.push(`Rename it: git branch -m ${JSON.stringify(name)} ${check.suggestion}`);
  }
  lines.push(`main and bot branches (${BOT_PREFIXES.map((p) => `${p}*`).join(', ')}) are always accepted.`);
  return lines.join('\n');
}
