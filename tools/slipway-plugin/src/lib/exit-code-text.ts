import { EXIT_CODE_TABLE, OUTCOMES } from '@slipway/deploy-engine';
import { PUBLISH_EXIT_CODE_TABLE } from '../executors/publish-image/exit-codes';

/** `0 deployed (…) · 2 … · 130 interrupted`: the one-line form of an exit-code table. */
function exitCodeLine(table: ReadonlyArray<readonly [number, string]>): string {
  return table.map(([code, means]) => `${code} ${means}`).join(' · ');
}

/** deploy and rollback end with every outcome but REPORTED, which is deploy-status's own. */
export const DEPLOY_EXIT_CODES = exitCodeLine(EXIT_CODE_TABLE);

export const STATUS_EXIT_CODES = `${OUTCOMES.REPORTED} every environment was read · ${OUTCOMES.PREFLIGHT_FAILED} bad input, or at least one environment could not be read`;

export const PUBLISH_EXIT_CODES = exitCodeLine(PUBLISH_EXIT_CODE_TABLE);

/** What the runner itself exits with when it cannot start the executor. */
export const RUNNER_EXIT_CODE = '1 the runner could not start (unknown executor or project)';
