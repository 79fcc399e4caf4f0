import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingSpec } from '../provider';

/**
 * Reading the docs from tests, so that a fact written in the code and in the docs is checked in
 * one place. Cells and items are compared as text, so Prettier's table padding does not matter.
 */

/** A file of the workspace (the directory holding nx.json), read as text. */
export function readWorkspaceFile(path: string, from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return readFileSync(join(dir, path), 'utf8');
}

/** The text under `heading` (a whole line, e.g. `## What a deploy does`) up to the next heading as high. */
export function markdownSection(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The body rows of the tables in `text`, each as its trimmed cells (header and separator rows dropped). */
export function tableRows(text: string): string[][] {
  const rows = text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  return rows.filter((cells, i) => !isSeparator(cells) && !isSeparator(rows[i + 1]));
}

function isSeparator(cells: string[] | undefined): boolean {
  return cells !== undefined && cells.every((c) => /^:?-+:?$/.test(c));
}

/** The `N. **Bold**` items of the ordered lists in `text`, as `N. Bold`. */
export function numberedItems(text: string): string[] {
  return [...text.matchAll(/^(\d+)\. \*\*([^*]+)\*\*/gm)].map(([, n, bold]) => `${n}. ${bold}`);
}

/** How a provider's settings are documented: one row each, `name`, required yes/no, the description. */
export function settingRows(settings: readonly SettingSpec[]): string[][] {
  return settings.map((s) => [`\`${s.name}\``, s.required ? 'yes' : 'no', s.description]);
}
