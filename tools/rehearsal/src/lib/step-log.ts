export type StepStatus = 'ok' | 'skipped' | 'failed';

export interface StepRecord {
  readonly name: string;
  readonly status: StepStatus;
  readonly seconds: number;
  readonly detail: string;
}

/** Times each step and remembers how it ended, for the final summary. */
export class StepLog {
  readonly steps: StepRecord[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly now: () => number,
    private readonly say: (line: string) => void,
  ) {
    this.startedAt = now();
  }

  /** Runs one step: prints its name, times it, records the detail it returns (or its failure). */
  async step(name: string, title: string, body: () => Promise<string>): Promise<void> {
    this.say(`\n▶ ${name}: ${title}`);
    const start = this.now();
    try {
      const detail = await body();
      this.record(name, 'ok', start, detail);
    } catch (error) {
      this.record(name, 'failed', start, (error as Error).message.split('\n', 1)[0]);
      throw error;
    }
  }

  /**
   * Runs steps at once (one per service, each on its own): each is timed and recorded on its own,
   * in the order given. After all have ended, a failure is thrown as it is; several as one AggregateError.
   */
  async parallel(steps: readonly { name: string; title: string; body: () => Promise<string> }[]): Promise<void> {
    for (const { name, title } of steps) this.say(`\n▶ ${name}: ${title}`);
    const start = this.now();
    const ended = await Promise.allSettled(
      steps.map(async ({ body }) => {
        const detail = await body();
        return { detail, end: this.now() };
      }),
    );
    ended.forEach((result, i) => {
      const end = result.status === 'fulfilled' ? result.value.end : this.now();
      const detail =
        result.status === 'fulfilled' ? result.value.detail : (result.reason as Error).message.split('\n', 1)[0];
      this.record(steps[i].name, result.status === 'fulfilled' ? 'ok' : 'failed', start, detail, end);
    });
    const failures = ended
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason as Error);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, failures.map((error) => error.message).join('\n'));
  }

  skip(name: string, why: string): void {
    this.say(`\n▷ ${name}: skipped (${why})`);
    this.steps.push({ name, status: 'skipped', seconds: 0, detail: why });
  }

  get totalSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  private record(name: string, status: StepStatus, start: number, detail: string, end = this.now()): void {
    const record = { name, status, seconds: (end - start) / 1000, detail };
    this.steps.push(record);
    this.say(`${status === 'ok' ? '✔' : '✖'} ${name} (${record.seconds.toFixed(1)} s): ${detail}`);
  }
}

/** The closing table: every step with its wall time and result. Pure. */
export function formatSummary(
  title: string,
  steps: readonly StepRecord[],
  totalSeconds: number,
  footer: readonly string[],
): string[] {
  const width = Math.max(5, ...steps.map((s) => s.name.length));
  const mark = { ok: '✔', skipped: '–', failed: '✖' } as const;
  return [
    '',
    title,
    ...steps.map(
      (s) => `  ${mark[s.status]} ${s.name.padEnd(width)} ${`${s.seconds.toFixed(1)} s`.padStart(8)}  ${s.detail}`,
    ),
    `    ${'total'.padEnd(width)} ${`${totalSeconds.toFixed(1)} s`.padStart(8)}`,
    ...footer,
  ];
}
