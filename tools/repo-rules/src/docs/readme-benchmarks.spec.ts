import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README keeps one line per benchmark; docs/benchmarks.md keeps every figure. Each headline
// must be a figure of the section it links to, with the same date, and "stale" when that is.
const ROOT = join(__dirname, '../../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const benchmarks = readFileSync(join(ROOT, 'docs/benchmarks.md'), 'utf8');

const headlines = [...readme.matchAll(/^- \[[^\]]+\]\(docs\/benchmarks\.md#([a-z-]+)\): (.+)$/gm)].map(
  ([, anchor, text]) => ({ anchor, text }),
);

/** The `## ` section of docs/benchmarks.md whose GitHub anchor is `anchor`. */
function section(anchor: string): string {
  const parts = benchmarks.split(/^## /m).slice(1);
  const found = parts.find((part) => slug(part.split('\n')[0]) === anchor);
  if (!found) throw new Error(`docs/benchmarks.md has no section #${anchor}`);
  return found;
}

function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

/** Dates, then numbers and ranges (`281–300`, `133.6`). */
function figures(text: string): string[] {
  return text.match(/\d{4}-\d{2}-\d{2}|\d+(?:[.,]\d+)*(?:–\d+(?:[.,]\d+)*)?/g) ?? [];
}

describe('the README benchmark headlines', () => {
  it('has one line for each section of docs/benchmarks.md', () => {
    const sections = [...benchmarks.matchAll(/^## (.+)$/gm)].map(([, heading]) => slug(heading));
    expect(headlines.map((h) => h.anchor)).toEqual(sections);
  });

  it.each(headlines)('#$anchor: every figure is one of its section, as measured', ({ anchor, text }) => {
    const body = section(anchor);
    const missing = figures(text).filter((figure) => !body.includes(figure));
    expect(missing).toEqual([]);
    expect(/\bstale\b/.test(text)).toBe(body.includes('**Stale**'));
  });
});
