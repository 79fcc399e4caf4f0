import { formatDuration } from '../config/duration';
import { EXIT_CODE_TABLE } from '../outcome';
import { formatStoppedTask } from '../phases/progress';
import type { StatusReport } from '../run/run-status';
import { type DeployReport, outcomeLine } from './report';
import { chartMarkdown, rolloutChart } from './rollout-chart';

/** The final human summary; the last line always carries the outcome and its exit code. */
export function formatSummary(report: DeployReport): string[] {
  const title = `Slipway ${report.command}`;
  const where = report.environment ? ` → ${report.environment}` : '';
  const lines = [``, `${title}: ${report.app}${where}${report.dryRun ? ' (dry run)' : ''}`];
  const row = (key: string, value: string | undefined) => {
    if (value) lines.push(`  ${key.padEnd(9)} ${value}`);
  };
  row('target', report.target);
  row(
    'version',
    report.version && (report.commit ? `${report.version} (commit ${report.commit.slice(0, 12)})` : report.version),
  );
  row('digest', report.digest);
  if (report.previousRevision || report.newRevision) {
    row('revision', [report.previousRevision?.label, report.newRevision?.label].filter(Boolean).join(' → '));
  }
  row('unused', report.unusedRevision && `${report.unusedRevision.label} (registered, not rolled out)`);
  row('rollout', report.rolloutId);
  row('ecs', report.deploymentId && `${report.deploymentId}${report.strategy ? ` (${report.strategy})` : ''}`);
  if (report.rollback && report.rollback.status !== 'DISABLED') {
    row(
      'rollback',
      `${report.rollback.status} by ${report.rollback.by}${report.rollback.revision ? ` to ${report.rollback.revision.label}` : ''}`,
    );
  }
  row('duration', formatDuration(report.durationMs));
  row('nearest', report.nearestVersions?.join(', '));
  lines.push(`  ${report.message}`);
  const tasks = report.stoppedTasks.slice(-5);
  if (tasks.length > 0) {
    lines.push(`  why tasks stopped (last ${tasks.length} of ${report.stoppedTasks.length}):`);
    for (const task of tasks) lines.push(`    - ${formatStoppedTask(task)}`);
  }
  if (report.nextSteps.length > 0) {
    lines.push('  next:');
    for (const command of report.nextSteps) lines.push(`    ${command}`);
  }
  lines.push(outcomeLine(report));
  return lines;
}

/** For `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(report: DeployReport): string {
  const icon =
    report.exitCode === 0 ? '✅' : report.outcome === 'ROLLED_BACK' ? '↩️' : report.outcome === 'PAUSED' ? '⏸️' : '❌';
  const title = report.command;
  const rows: Array<[string, string | undefined]> = [
    ['Outcome', `**${report.outcome}** (exit ${report.exitCode})`],
    ['Environment', report.environment],
    ['Target', report.target],
    ['Version', report.version],
    ['Commit', report.commit && `\`${report.commit}\``],
    ['Digest', report.digest && `\`${report.digest}\``],
    ['Revision', [report.previousRevision?.label, report.newRevision?.label].filter(Boolean).join(' → ') || undefined],
    ['Unused revision', report.unusedRevision && `${report.unusedRevision.label} (registered, not rolled out)`],
    ['Rollout', report.rolloutId && `\`${report.rolloutId}\``],
    [
      'ECS deployment',
      report.deploymentId && `\`${report.deploymentId}\`${report.strategy ? ` (${report.strategy})` : ''}`,
    ],
    [
      'Rollback',
      report.rollback &&
        `${report.rollback.status} by ${report.rollback.by}${report.rollback.revision ? ` to ${report.rollback.revision.label}` : ''}`,
    ],
    ['Duration', formatDuration(report.durationMs)],
    ['Nearest versions', report.nearestVersions?.join(', ')],
  ];
  const out = [
    `### ${icon} Slipway ${title}: ${report.app}${report.environment ? ` → ${report.environment}` : ''}`,
    '',
    escapeCell(report.message),
    '',
    '| | |',
    '|---|---|',
    ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${escapeCell(v as string)} |`),
  ];
  if (report.stoppedTasks.length > 0) {
    out.push(
      '',
      '**Why tasks stopped**',
      '',
      ...report.stoppedTasks.slice(-10).map((t) => `- ${escapeCell(formatStoppedTask(t))}`),
    );
  }
  const chart = report.timeline && rolloutChart(report.timeline, report.strategy);
  if (chart) out.push('', ...chartMarkdown(chart));
  if (report.nextSteps.length > 0) out.push('', '**Next steps**', '', '```sh', ...report.nextSteps, '```');
  out.push('', `<sub>Exit codes: ${EXIT_CODE_TABLE.map(([code, text]) => `${code} ${text}`).join(' · ')}</sub>`, '');
  return out.join('\n');
}

/** `--json`: one document on stdout. */
export function formatJson(report: DeployReport | StatusReport): string {
  return JSON.stringify(report, null, 2);
}

/** `key=value` lines for `$GITHUB_OUTPUT`. */
export function githubOutputs(report: DeployReport | StatusReport): Record<string, string> {
  const outputs: Record<string, string> = { 'exit-code': String(report.exitCode), outcome: report.outcome };
  if ('version' in report && report.version) outputs['version'] = report.version;
  if ('digest' in report && report.digest) outputs['digest'] = report.digest;
  if ('newRevision' in report && report.newRevision) outputs['revision'] = report.newRevision.id;
  if ('unusedRevision' in report && report.unusedRevision) outputs['unused-revision'] = report.unusedRevision.id;
  return outputs;
}

export function formatStatus(report: StatusReport): string[] {
  const header = ['ENVIRONMENT', 'VERSION', 'DIGEST', 'REVISION', 'ROLLOUT', 'SINCE'];
  const rows = report.environments.map((r) =>
    r.error
      ? [r.environment, 'error', r.error, '', '', '']
      : [
          r.environment,
          r.version ?? '(unrecorded)',
          r.digest ? r.digest.slice(0, 19) : '(tag, not digest)',
          r.revision ?? '',
          `${r.rolloutState ?? '?'} ${r.running ?? '?'}/${r.desired ?? '?'}${(r.rollouts ?? 1) > 1 ? ` (+${(r.rollouts ?? 1) - 1} more)` : ''}`,
          r.since ?? '',
        ],
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.filter((r) => r[1] !== 'error').map((r) => r[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const body = rows.map((r) => (r[1] === 'error' ? `${r[0].padEnd(widths[0])}  error: ${r[2]}` : line(r)));
  return [line(header), ...body, '', `outcome: ${report.outcome} (exit ${report.exitCode})`];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
