import { spawnSync } from 'node:child_process';
import { type Finding, stepPlace } from '../finding';
import type { Job, Step, Workflow } from '../model/workflow';

export const SHELLCHECK = 'shellcheck';

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  readonly error?: Error;
}

export type CommandRunner = (command: string, args: readonly string[], input?: string) => CommandResult;

export const runCommand: CommandRunner = (command, args, input) => {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
};

export type ShellcheckOutcome =
  | { readonly available: true; readonly version: string; readonly findings: Finding[] }
  | { readonly available: false; readonly reason: string };

/**
 * Same exclusions as actionlint's own shellcheck pass: checks that misfire on snippets
 * cut out of a workflow (unfollowed `source`, constant tests, variables set by `env:`).
 */
const EXCLUDED = ['SC1091', 'SC2050', 'SC2154', 'SC2157', 'SC2194'];

interface ShellcheckComment {
  readonly line: number;
  readonly column: number;
  readonly level: string;
  readonly code: number;
  readonly message: string;
}

/** Runs shellcheck over every bash `run:` block; reports unavailability instead of guessing. */
export function shellcheckWorkflows(
  workflows: readonly Workflow[],
  run: CommandRunner = runCommand,
): ShellcheckOutcome {
  const probe = run('shellcheck', ['--version']);
  if (probe.error || probe.status !== 0) {
    return { available: false, reason: `shellcheck is not installed (${probe.error?.message ?? probe.stderr.trim()})` };
  }
  const version = /version:\s*(\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';
  const findings = workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job) =>
      job.steps.filter(isBashScript).flatMap((step) => checkStep(workflow, job, step, run)),
    ),
  );
  return { available: true, version, findings };
}

/** GitHub runs `run:` with bash on Linux runners unless a step says otherwise. */
function isBashScript(step: Step): boolean {
  return (
    step.run !== undefined && (step.shell === undefined || step.shell === 'bash' || step.shell.startsWith('bash '))
  );
}

function checkStep(workflow: Workflow, job: Job, step: Step, run: CommandRunner): Finding[] {
  // Expressions are banned from run: by another rule; blank them so shellcheck sees valid shell.
  const script = (step.run ?? '').replace(/\$\{\{.*?\}\}/g, (expression) => '_'.repeat(expression.length));
  const result = run('shellcheck', ['--shell=bash', '--format=json1', `--exclude=${EXCLUDED.join(',')}`, '-'], script);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`shellcheck failed on ${workflow.file} ${stepPlace(job, step).path}: ${result.stderr.trim()}`);
  }
  const { comments } = JSON.parse(result.stdout || '{"comments":[]}') as { comments: ShellcheckComment[] };
  const firstLine = step.runLine ?? step.line;
  return comments.map((comment) => ({
    rule: `${SHELLCHECK}:SC${comment.code}`,
    file: workflow.file,
    line: firstLine + comment.line - 1,
    path: stepPlace(job, step).path,
    message: `${comment.level}: ${comment.message}`,
  }));
}
