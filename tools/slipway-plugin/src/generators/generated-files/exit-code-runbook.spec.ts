import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTCOME_TABLE, OUTCOMES } from '@slipway/deploy-engine';
import { WORKSPACE_ROOT } from '@slipway/testing';
import { PUBLISH_EXIT_CODE_TABLE } from '../../executors/publish-image/exit-codes';

/**
 * The runbook's tables say what to do about each exit code, so they are written by hand rather than
 * generated; these tests keep their codes and outcomes those of the sources.
 */
const RUNBOOK = 'docs/runbooks/exit-codes.md';

/** The first two cells of each body row of the table under the heading that starts with `heading`. */
function tableUnder(heading: string): string[][] {
  const text = readFileSync(join(WORKSPACE_ROOT, RUNBOOK), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`${RUNBOOK} has no section "## ${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim()),
    );
}

describe(`${RUNBOOK} (fix the table when a test fails)`, () => {
  it('lists every deploy and rollback outcome once, with its exit code, and the runner’s own 1', () => {
    const rows = tableUnder('deploy, rollback');
    const expected = OUTCOME_TABLE.filter((row) => row.outcome !== 'REPORTED').map((row) => [
      String(row.exitCode),
      `\`${row.outcome}\``,
    ]);
    expect(rows).toEqual([...expected, ['1', '—']]);
  });

  it('gives deploy-status the codes of its outcomes', () => {
    expect(tableUnder('deploy-status').map(([code]) => code)).toEqual([
      String(OUTCOMES.REPORTED),
      String(OUTCOMES.PREFLIGHT_FAILED),
    ]);
  });

  it('gives publish-image its codes, in their order', () => {
    expect(tableUnder('publish-image').map(([code]) => code)).toEqual(
      PUBLISH_EXIT_CODE_TABLE.map(([code]) => String(code)),
    );
  });
});
