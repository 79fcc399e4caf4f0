import { buildReport, type DeployReport, type ReportFields } from '../report/report';
import type { RunContext } from './context';

/** What the step that ended a run adds to its report: at least the outcome and why. */
export type Fields = Partial<ReportFields> & Pick<ReportFields, 'outcome' | 'message'>;

/** Completes a run's report: what all its steps share, what the last one found, and the timing. */
export function reportFinisher(
  shared: Partial<ReportFields> & Pick<ReportFields, 'command' | 'app'>,
  context: RunContext,
): (fields: Fields) => DeployReport {
  return (fields) => buildReport({ ...shared, ...fields }, context.startedAt, context.clock.now());
}
