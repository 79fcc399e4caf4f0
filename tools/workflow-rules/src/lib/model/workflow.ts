/**
 * A GitHub Actions workflow reduced to what the rules read. Values stay as parsed YAML
 * (`unknown` where GitHub accepts several shapes); line numbers point findings at the source.
 */
export type Permissions = 'read-all' | 'write-all' | Readonly<Record<string, string>>;

export interface Step {
  readonly index: number;
  readonly line: number;
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  /** Text of the `# …` comment on the `uses:` line, without the `#`. */
  readonly usesComment?: string;
  readonly run?: string;
  /** Line where the script's first line sits (after `run: |` it is the next line). */
  readonly runLine?: number;
  readonly shell?: string;
  readonly with: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
}

export interface Job {
  readonly id: string;
  readonly line: number;
  readonly name?: string;
  readonly if?: string;
  readonly needs: readonly string[];
  readonly permissions?: Permissions;
  readonly environment?: unknown;
  readonly concurrency?: unknown;
  readonly strategy?: unknown;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
  /** A job that calls a reusable workflow has `uses` instead of steps. */
  readonly uses?: string;
  readonly usesComment?: string;
  readonly steps: readonly Step[];
}

export interface Workflow {
  /** Path as given to the loader, used in every finding. */
  readonly file: string;
  readonly name?: string;
  /** `on:` normalised to a map: `on: push` and `on: [push]` become `{ push: null }`. */
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions?: Permissions;
  readonly concurrency?: unknown;
  readonly env: Readonly<Record<string, unknown>>;
  readonly jobs: readonly Job[];
  /** Line of each top-level key (`on`, `permissions`, `env`, …), for findings about them. */
  readonly keyLines: Readonly<Record<string, number>>;
}

/** Action name without the ref: `actions/checkout@abc` → `actions/checkout`. */
export function actionName(uses: string | undefined): string | undefined {
  if (uses === undefined) return undefined;
  const at = uses.lastIndexOf('@');
  return at === -1 ? uses : uses.slice(0, at);
}

export function stepsUsing(job: Job, action: string): Step[] {
  return job.steps.filter((step) => actionName(step.uses) === action);
}

export function findJob(workflow: Workflow, id: string): Job | undefined {
  return workflow.jobs.find((job) => job.id === id);
}

/** Every `run:` script of a job, in order. */
export function runScripts(job: Job): Step[] {
  return job.steps.filter((step) => typeof step.run === 'string');
}
