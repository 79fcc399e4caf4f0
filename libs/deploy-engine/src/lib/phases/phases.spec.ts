import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markdownSection, numberedItems, readWorkspaceFile, tableRows } from '../test-support/markdown';
import { PHASES } from './phases';

const numbered = PHASES.map((phase, i) => `${i + 1}. ${phase.title}`);

describe('PHASES, the one numbering of the deploy path', () => {
  it('names a source file for each phase that exists', () => {
    for (const { source } of PHASES) expect(existsSync(join(__dirname, '..', source))).toBe(true);
  });

  it.each(['docs/deploy.md', 'docs/kubernetes.md'])('%s numbers its steps as PHASES does', (doc) => {
    const section = markdownSection(readWorkspaceFile(doc), '## What a deploy does');
    expect(numberedItems(section)).toEqual(numbered);
  });

  it('the deploy engine README lists them in order, with what each does and where it lives', () => {
    const section = markdownSection(readWorkspaceFile('libs/deploy-engine/README.md'), '## Phases');
    const rows = PHASES.map((phase, i) => [String(i + 1), phase.title, phase.does, `\`src/lib/${phase.source}\``]);
    expect(tableRows(section)).toEqual(rows);
  });
});
