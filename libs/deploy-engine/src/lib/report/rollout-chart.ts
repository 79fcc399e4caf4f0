import type { RolloutSample } from '../phases/deployment-progress';

/**
 * The rollout as pictures GitHub renders natively in markdown (mermaid): production traffic to the
 * new revision and running tasks per revision over time (xychart), and the lifecycle stages with
 * alarm triggers, hook waits and the rollback marked (gantt). Time is seconds since the command
 * started. Pure: samples in, mermaid source out.
 */

export interface RolloutChart {
  readonly title: string;
  /** Mermaid source, one diagram each. */
  readonly diagrams: readonly string[];
}

export function rolloutChart(samples: readonly RolloutSample[], strategy = 'deployment'): RolloutChart | undefined {
  if (samples.length < 2) return undefined;
  const target = samples[0].revisions.find((r) => r.role === 'target')?.label ?? 'new revision';
  const sources = [
    ...new Set(samples.flatMap((s) => s.revisions.filter((r) => r.role === 'source').map((r) => r.label))),
  ];
  const xs = samples.map((s) => clock(s.atMs));
  const diagrams: string[] = [];
  const traffic = samples.map((s) => s.revisions.find((r) => r.role === 'target')?.productionWeight);
  if (traffic.some((w) => w !== undefined)) {
    diagrams.push(
      [
        PALETTE,
        'xychart-beta',
        `  title "Production traffic on ${target} (%)"`,
        `  x-axis [${xs.map(quote).join(', ')}]`,
        '  y-axis "percent" 0 --> 100',
        `  line [${traffic.map((w) => w ?? 0).join(', ')}]`,
      ].join('\n'),
    );
  }
  const running = (label: string) => samples.map((s) => s.revisions.find((r) => r.label === label)?.running ?? 0);
  const most = Math.max(1, ...samples.flatMap((s) => s.revisions.map((r) => r.running)));
  const old = sources[0];
  diagrams.push(
    [
      PALETTE,
      'xychart-beta',
      `  title "Running tasks: ${target} (bars)${old ? `, ${old} (line)` : ''}"`,
      `  x-axis [${xs.map(quote).join(', ')}]`,
      `  y-axis "tasks" 0 --> ${most}`,
      `  bar [${running(target).join(', ')}]`,
      ...(old ? [`  line [${running(old).join(', ')}]`] : []),
    ].join('\n'),
  );
  diagrams.push(timelineDiagram(samples));
  return { title: `Rollout of ${target} (${strategy})`, diagrams };
}

/** Stages as bars, and what happened as milestones: status changes, alarms, hooks. */
function timelineDiagram(samples: readonly RolloutSample[]): string {
  const end = Math.max(1, Math.ceil(samples[samples.length - 1].atMs / 1000));
  const lines = ['gantt', '  dateFormat HH:mm:ss', '  axisFormat %M:%S', '  section Stages'];
  const stages: { name: string; from: number }[] = [];
  for (const sample of samples) {
    if (sample.stage && sample.stage !== stages.at(-1)?.name)
      stages.push({ name: sample.stage, from: seconds(sample) });
  }
  if (stages.length === 0) stages.push({ name: samples[0].status, from: seconds(samples[0]) });
  stages.forEach((stage, i) => {
    const to = Math.max(stage.from + 1, stages[i + 1]?.from ?? end);
    lines.push(`    ${label(stage.name)} : s${i}, ${hms(stage.from)}, ${hms(to)}`);
  });
  lines.push('  section Events');
  let marks = 0;
  let status = '';
  let alarms = new Set<string>();
  let hook: string | undefined;
  for (const sample of samples) {
    const at = seconds(sample);
    if (sample.status !== status) {
      status = sample.status;
      lines.push(`    ${label(status)} : milestone, m${marks++}, ${hms(at)}, 0s`);
    }
    for (const alarm of sample.triggeredAlarms.filter((a) => !alarms.has(a)))
      lines.push(`    Alarm ${label(alarm)} : crit, milestone, m${marks++}, ${hms(at)}, 0s`);
    alarms = new Set(sample.triggeredAlarms);
    if (sample.hook && sample.hook !== hook)
      lines.push(`    Hook awaits action : active, milestone, m${marks++}, ${at}, 0s`);
    hook = sample.hook;
  }
  return lines.join('\n');
}

const seconds = (sample: RolloutSample) => Math.round(sample.atMs / 1000);

/** Gantt times as a time of day from 00:00:00 (mermaid's unix-seconds format misplaces bars); a day at most. */
function hms(totalSeconds: number): string {
  const s = Math.min(totalSeconds, 86_399);
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Darker series colours than the default theme's, for the line to show on white. */
const PALETTE = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#4c6ef5, #e8590c"}}}}%%';

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const quote = (text: string) => `"${text}"`;

/** Gantt task names may not hold `:` or `#`. */
const label = (text: string) => text.replace(/[:#;]/g, ' ');

/** The chart as markdown: a heading and one mermaid block per diagram. */
export function chartMarkdown(chart: RolloutChart): string[] {
  return [`**${chart.title}**`, '', ...chart.diagrams.flatMap((d) => ['```mermaid', d, '```', ''])];
}
