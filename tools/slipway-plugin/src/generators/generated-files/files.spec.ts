import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@slipway/testing';
import { GENERATED_FILES, type GeneratedFile } from './files';

/** What prettier leaves alone: JSON by value, markdown table cells without their padding. */
function comparable(text: string, format: GeneratedFile['format']): unknown {
  if (format === 'json') return JSON.parse(text);
  if (format === 'text') return text;
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|') ? line.split('|').map((cell) => cell.trim().replace(/^-{3,}$/, '---')) : line,
    );
}

describe('files generated from one source', () => {
  it.each(GENERATED_FILES.map((file) => [file.path, file] as const))(
    '%s says what its source says (if not: npx nx sync)',
    (_path, file) => {
      const current = readFileSync(join(WORKSPACE_ROOT, file.path), 'utf8');
      expect(comparable(current, file.format)).toEqual(comparable(file.render(current), file.format));
    },
  );
});
