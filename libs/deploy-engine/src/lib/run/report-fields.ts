import { buildReport, type DeployReport, type ReportFields } from '../report/report';
import type { RunContext } from './context';
import type { PreparedTarget } from './prepare';

/** What the step that ended a run adds to its report: at least the outcome and why. */
export type Fields = Partial<ReportFields> & Pick<ReportFields, 'outcome' | 'message'>;

/** Completes a run's report: what all its steps share, what the last one found, and the timing. */
export function reportFinisher(
  shared: Partial<ReportFields> & Pick<ReportFields, 'command' | 'app'>,
  context: RunContext,
): (fields: Fields) => DeployReport {
  return (fields) => buildReport({ ...shared, ...fields }, context.startedAt, context.clock.now());
}

/** What every report of a run names: its command, the app, and the environment and target it ran on. */
export function targetFields(
  command: ReportFields['command'],
  { environment, provider }: PreparedTarget,
  context: RunContext,
): Pick<ReportFields, 'command' | 'app' | 'environment' | 'provider' | 'target'> {
  return {
    command,
    app: context.deps.app,
    environment: environment.name,
    provider: environment.provider.name,
    target: provider.description,
  };
}
