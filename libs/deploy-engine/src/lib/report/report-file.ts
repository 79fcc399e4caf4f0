import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { formatMarkdown } from './render';
import type { DeployReport } from './report';

/**
 * `--report <file>`: the step summary's markdown (rollout chart included) for local runs, as
 * `.md`, or as `.html` that renders the mermaid blocks with the workspace's own pinned mermaid
 * (node_modules/mermaid), no network needed. Returns the path written.
 */
export async function writeReportFile(report: DeployReport, path: string, workspaceRoot: string): Promise<string> {
  const target = isAbsolute(path) ? path : resolve(workspaceRoot, path);
  const markdown = formatMarkdown(report);
  const text = target.endsWith('.html') ? reportHtml(markdown, join(workspaceRoot, MERMAID_SCRIPT)) : markdown;
  await writeFile(target, text, 'utf8');
  return target;
}

/** The mermaid build the HTML report loads (a pinned devDependency). */
export const MERMAID_SCRIPT = 'node_modules/mermaid/dist/mermaid.min.js';

/**
 * Renders every mermaid block, then says so: `data-rendered` on the body is `yes`, or `error: …`
 * (mermaid missing or refusing a chart). Always set, so a browser test waits for it, not a guess.
 */
const RENDER_SCRIPT = [
  'const rendered = (state) => (document.body.dataset.rendered = state);',
  'try {',
  '  mermaid.initialize({ startOnLoad: false });',
  '  mermaid.run({ querySelector: "pre.mermaid" }).then(() => rendered("yes"), (e) => rendered("error: " + e));',
  '} catch (e) {',
  '  rendered("error: " + e);',
  '}',
].join('\n');

/** Markdown shown as text, each mermaid block as a diagram. */
export function reportHtml(markdown: string, mermaidScript: string): string {
  const parts = markdown.split(/```mermaid\n([\s\S]*?)```/);
  const body = parts
    .map((part, i) =>
      i % 2 === 1 ? `<pre class="mermaid">\n${escape(part)}</pre>` : `<pre class="text">${escape(part)}</pre>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>Slipway report</title>',
    '<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}pre.text{white-space:pre-wrap}</style>',
    `<script src="file://${escape(mermaidScript)}"></script>`,
    '</head><body>',
    body,
    `<script>${RENDER_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
