import { type DeployResult, deployJobName, serviceOfJob } from './deploy-result';
import type { RunJob } from './github-api';

/** What the summary job knows: the services listed, the run's jobs and the results they recorded. */
export interface SummaryInput {
  /** The services job's list (empty when that job failed). */
  readonly services: readonly string[];
  readonly jobs: readonly RunJob[];
  /** Results by job id, from each deploy job's annotation. */
  readonly results: ReadonlyMap<number, DeployResult>;
  /** The dispatch inputs, shown for a service that recorded no result. */
  readonly version: string;
  readonly environment: string;
  readonly runUrl: string;
}

export interface ServiceRow {
  readonly service: string;
  readonly icon: string;
  /** The deploy target's outcome (DEPLOYED, ROLLED_BACK, …), when it recorded one. */
  readonly outcome?: string;
  /** What else to say: why there is no outcome, or that the job was cancelled. */
  readonly note?: string;
  readonly exitCode?: number;
  readonly version: string;
  readonly environment: string;
  readonly job?: { readonly name: string; readonly url: string };
  /** The deploy target ended with exit code 0. */
  readonly deployed: boolean;
}

/** One row per service: listed by the services job, or found as a `deploy (<service>)` job. */
export function summarize(input: SummaryInput): ServiceRow[] {
  const found = input.jobs.map((job) => serviceOfJob(job.name)).filter((s): s is string => s !== undefined);
  const services = [...input.services, ...[...new Set(found)].filter((s) => !input.services.includes(s)).sort()];
  return services.map((service) => {
    const job = latest(input.jobs.filter((candidate) => candidate.name === deployJobName(service)));
    const result = job ? input.results.get(job.id) : undefined;
    const link = job ? { name: job.name, url: webUrl(job.html_url) ?? input.runUrl } : undefined;
    const base = {
      service,
      version: result?.version ?? input.version,
      environment: result?.environment ?? input.environment,
      ...(link ? { job: link } : {}),
    };
    if (result) return { ...base, ...fromResult(result) };
    return { ...base, ...fromJob(job), deployed: false };
  });
}

/** Only a plain http(s) URL goes into a link. */
function webUrl(url: string | null): string | undefined {
  return url && /^https?:\/\/[^\s()<>]+$/.test(url) ? url : undefined;
}

/** A re-run keeps one entry per job under filter=latest; should two share a name, the newer id wins. */
function latest(jobs: readonly RunJob[]): RunJob | undefined {
  return [...jobs].sort((a, b) => b.id - a.id)[0];
}

function fromResult(result: DeployResult): Pick<ServiceRow, 'icon' | 'outcome' | 'note' | 'exitCode' | 'deployed'> {
  const code = result.exitCode === undefined ? {} : { exitCode: result.exitCode };
  if (result.outcome === undefined)
    return { icon: '❌', note: `the deploy step ended "${result.step}" without an outcome`, ...code, deployed: false };
  const icon =
    result.exitCode === 0 ? '✅' : result.outcome === 'ROLLED_BACK' ? '↩️' : result.outcome === 'PAUSED' ? '⏸️' : '❌';
  const cancelled = result.step === 'cancelled' ? { note: 'the job was cancelled' } : {};
  return { icon, outcome: result.outcome, ...cancelled, ...code, deployed: result.exitCode === 0 };
}

/** No recorded result: what the job itself says (the deploy never ran, or the job is gone). */
function fromJob(job: RunJob | undefined): Pick<ServiceRow, 'icon' | 'note'> {
  if (!job) return { icon: '⏭️', note: 'not started: no deploy job ran for it' };
  if (job.status !== 'completed') return { icon: '⏳', note: `still ${job.status.replace(/_/g, ' ')}` };
  const failed = job.steps?.find((step) => step.conclusion === 'failure');
  switch (job.conclusion) {
    case 'failure':
      return {
        icon: '❌',
        note: failed ? `failed at step ${failed.number} "${failed.name}", before a result` : 'failed before a result',
      };
    case 'cancelled':
      return { icon: '⏹️', note: 'cancelled before the deploy' };
    case 'skipped':
      return { icon: '⏭️', note: 'skipped' };
    default:
      return { icon: '⚠️', note: `job ${job.conclusion ?? 'ended'}, but recorded no result` };
  }
}

export function renderSummary(rows: readonly ServiceRow[], input: SummaryInput): string {
  const deployed = rows.filter((row) => row.deployed).length;
  const title = `### Slipway deploy ${escapeCell(input.version)} to ${escapeCell(input.environment)}`;
  if (rows.length === 0)
    return [
      `${title}: no service deployed`,
      '',
      `No service was listed: the services job did not finish. See [the run](${input.runUrl}).`,
      '',
    ].join('\n');
  return [
    `${title}: ${deployed} of ${rows.length} service${rows.length === 1 ? '' : 's'} deployed`,
    '',
    '| service | result | exit code | version | environment | job |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) =>
      [
        '',
        escapeCell(row.service),
        [row.icon, row.outcome && `**${escapeCell(row.outcome)}**`, row.note && escapeCell(row.note)]
          .filter(Boolean)
          .join(' '),
        row.exitCode === undefined ? '–' : String(row.exitCode),
        escapeCell(row.version),
        escapeCell(row.environment),
        row.job ? `[${escapeCell(row.job.name)}](${row.job.url})` : `[the run](${input.runUrl})`,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    "Each service's own summary (revisions, rollback, why tasks stopped) is on its job's page.",
    '',
  ].join('\n');
}

/** Text for a Markdown table cell: no pipe, line break, HTML or link syntax from the inputs. */
export function escapeCell(text: string): string {
  return text
    .trim()
    .replace(/\r?\n/g, ' ')
    .replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`);
}
